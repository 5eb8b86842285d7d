// SPDX-License-Identifier: GPL-3.0-or-later
// Fills a data directory's history with N received messages, as if a busy mesh had run for weeks,
// so the window's start-up can be measured against a large history (bench/gui_startup.sh).
// Usage: meshcast_seed_history DATA_DIR COUNT
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>

#include <cstdio>

#include "MessageStore.h"
#include "PacketId.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    bool ok = false;
    const int count = arguments.value(2).toInt(&ok);
    if (arguments.size() != 3 || !ok || count < 1) {
        std::fprintf(stderr, "usage: meshcast_seed_history DATA_DIR COUNT\n");
        return 2;
    }
    QDir().mkpath(arguments.at(1));
    MessageStore store;
    QString error;
    if (!store.open(QDir(arguments.at(1)).filePath(QStringLiteral("history.sqlite")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const PeerId sender = *PeerId::fromHex(u"0123456789abcdef");
    const qint64 start = 1'700'000'000'000;
    for (int i = 0; i < count; ++i) {
        StoredMessage message;
        message.packetId =
            QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256)
                .left(PacketId::Size);
        message.senderId = sender;
        message.senderNickname = QStringLiteral("archive");
        message.text = QStringLiteral("Stored message number %1 of a long history.").arg(i);
        message.timestampMs = start + i * 1000;
        message.receivedAtMs = message.timestampMs;
        message.hops = 1 + i % 5;
        message.verified = true;
        if (store.addReceived(message).status != MessageStore::AddResult::Status::Added) {
            std::fprintf(stderr, "insert %d failed: %s\n", i, qPrintable(store.lastError()));
            return 1;
        }
    }
    std::printf("seeded %d messages in %lld ms\n", count, timer.elapsed());
    return 0;
}
