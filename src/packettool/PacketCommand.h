// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

/**
 * `meshcast packet decode HEX | encode JSON | verify HEX --key PUBHEX`: the codec on the command
 * line, one JSON object per call on @p out (docs/CLI.md). Malformed input prints
 * {"error": "<kind>"} and returns exit code 1. Needs no display and no event loop.
 */
class PacketCommand
{
public:
    /** @p arguments are what follows `packet`. Returns the process exit code. */
    static int run(const QStringList &arguments, QTextStream &out);
};
