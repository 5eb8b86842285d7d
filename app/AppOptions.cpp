// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
bool parseListen(const QString &value, AppOptions &options)
{
    if (value == u"none") {
        options.listen = false;
        return true;
    }
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon < 0)
        return false;
    QString host = value.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = value.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535 || options.listenHost.setAddress(host) == false)
        return false;
    options.listenPort = quint16(port);
    return true;
}

std::optional<AppOptions> fail(const QString &message)
{
    std::fprintf(stderr, "meshcast: %s\n", qPrintable(message));
    return std::nullopt;
}
} // namespace

std::optional<AppOptions> AppOptions::parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("AppOptions", "Broadcast chat over a Bluetooth LE mesh."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(u"headless"_s, u"Run without a window: JSON lines."_s);
    const QCommandLineOption nick(u"nick"_s, u"Nickname to announce."_s, u"NAME"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Keys and history live here."_s, u"DIR"_s);
    const QCommandLineOption listen(u"listen"_s,
                                    u"WebSocket listen address (default 127.0.0.1:0; port 0 "
                                    "picks a free one; \"none\" turns it off)."_s,
                                    u"HOST:PORT"_s);
    const QCommandLineOption peer(u"peer"_s, u"Keep a link to this node (repeatable)."_s,
                                  u"ws://HOST:PORT"_s);
    const QCommandLineOption lan(u"lan-interface"_s,
                                 u"Find nodes by UDP multicast on this interface only."_s, u"IF"_s);
    const QCommandLineOption noBle(u"no-ble"_s, u"Do not use Bluetooth."_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Debug logs on stderr."_s);
    const QCommandLineOption ttl(u"ttl"_s, u"TTL of messages this node sends (1-7)."_s, u"N"_s,
                                 u"7"_s);
    const QCommandLineOption links(u"max-links"_s, u"Most links at once."_s, u"N"_s, u"8"_s);
    const QCommandLineOption announce(u"announce-interval-ms"_s,
                                      u"Announce period when connected (tests)."_s, u"MS"_s);
    const QCommandLineOption timeout(
        u"peer-timeout-ms"_s, u"Peer presence timeout (default 60000)."_s, u"MS"_s, u"60000"_s);
    const QCommandLineOption screenshot(
        u"screenshot"_s, u"Save the window to this PNG, then quit (docs)."_s, u"FILE"_s);
    const QCommandLineOption screenshotAfter(
        u"screenshot-after-ms"_s, u"Wait this long before --screenshot."_s, u"MS"_s, u"3000"_s);
    parser.addOptions({headless, nick, dataDir, listen, peer, lan, noBle, verbose, ttl, links,
                       announce, timeout, screenshot, screenshotAfter});
    parser.process(app);

    AppOptions options;
    options.headless = parser.isSet(headless);
    options.verbose = parser.isSet(verbose);
    options.noBle = parser.isSet(noBle);
    options.nickname = parser.value(nick).trimmed();
    options.dataDir = parser.value(dataDir);
    options.peers = parser.values(peer);
    options.lanInterface = parser.value(lan);
    if (parser.isSet(listen) && !parseListen(parser.value(listen), options))
        return fail(u"--listen wants HOST:PORT, e.g. 127.0.0.1:0"_s);
    for (const QString &url : std::as_const(options.peers)) {
        const QUrl parsed(url);
        if (!parsed.isValid() || (parsed.scheme() != u"ws" && parsed.scheme() != u"wss"))
            return fail(u"--peer wants ws://HOST:PORT, got %1"_s.arg(url));
    }
    bool ok = false;
    options.ttl = parser.value(ttl).toInt(&ok);
    if (!ok || options.ttl < 1 || options.ttl > 7)
        return fail(u"--ttl wants 1 to 7"_s);
    options.linkLimit = parser.value(links).toInt(&ok);
    if (!ok || options.linkLimit < 1)
        return fail(u"--max-links wants a positive number"_s);
    if (parser.isSet(announce)) {
        options.announceIntervalMs = parser.value(announce).toLongLong(&ok);
        if (!ok || options.announceIntervalMs < 100)
            return fail(u"--announce-interval-ms wants 100 or more"_s);
    }
    options.peerTimeoutMs = parser.value(timeout).toLongLong(&ok);
    if (!ok || options.peerTimeoutMs < 500)
        return fail(u"--peer-timeout-ms wants 500 or more"_s);
    options.screenshotPath = parser.value(screenshot);
    options.screenshotAfterMs = parser.value(screenshotAfter).toInt(&ok);
    if (!ok || options.screenshotAfterMs < 0)
        return fail(u"--screenshot-after-ms wants a number of milliseconds"_s);
    return options;
}
