// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#include "PacketCommand.h"

namespace {
int usage(QTextStream &out)
{
    out << "Usage: meshcast packet decode HEX\n"
           "       meshcast packet encode JSON\n"
           "       meshcast packet verify HEX --key PUBHEX\n";
    return 2;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("meshcast"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHCAST_VERSION));
    QTextStream out(stdout);
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.value(0) == u"packet")
        return PacketCommand::run(arguments.mid(1), out);
    return usage(out);
}
