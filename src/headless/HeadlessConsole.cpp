// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessConsole.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSocketNotifier>

#include "LinkManager.h"
#include "LinkTransport.h"
#include "MeshNode.h"
#include "PeerTable.h"

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {
QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QString transportStateName(TransportState state)
{
    switch (state) {
    case TransportState::Off:
        return QStringLiteral("off");
    case TransportState::Unavailable:
        return QStringLiteral("unavailable");
    case TransportState::Starting:
        return QStringLiteral("starting");
    case TransportState::Running:
        return QStringLiteral("running");
    case TransportState::Partial:
        return QStringLiteral("partial");
    case TransportState::NeedsPermission:
        return QStringLiteral("needs_permission");
    case TransportState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

QString linkName(const PeerInfo &peer)
{
    if (!peer.isDirect())
        return QStringLiteral("relayed");
    return peer.linkType == LinkType::Ble ? QStringLiteral("ble") : QStringLiteral("ip");
}
} // namespace

HeadlessConsole::HeadlessConsole(MeshNode &node, QIODevice &out, QObject *parent)
    : QObject(parent)
    , m_out(out)
{
    setNode(&node);
}

void HeadlessConsole::setNode(MeshNode *node)
{
    if (m_node) {
        disconnect(m_node, nullptr, this, nullptr);
        disconnect(&m_node->links(), nullptr, this, nullptr);
    }
    m_node = node;
    m_lastTransportState.clear();
    if (!m_node)
        return;
    connect(m_node, &MeshNode::peerJoined, this,
            [this](const PeerInfo &peer) { writePeer(peer, QStringLiteral("joined")); });
    connect(m_node, &MeshNode::peerUpdated, this, [this](const PeerInfo &peer, PeerFields what) {
        if (what & (PeerField::Nickname | PeerField::Hops | PeerField::Link))
            writePeer(peer, QStringLiteral("updated"));
    });
    connect(m_node, &MeshNode::peerLeft, this,
            [this](const PeerInfo &peer) { writePeer(peer, QStringLiteral("left")); });
    connect(m_node, &MeshNode::messageReceived, this, &HeadlessConsole::writeMessage);
    connect(m_node, &MeshNode::messageQueued, this, [this](const StoredMessage &message) {
        write({{QStringLiteral("event"), QStringLiteral("queued")},
               {QStringLiteral("id"), hex(message.packetId)}});
    });
    connect(m_node, &MeshNode::messageSent, this, [this](const QByteArray &packetId) {
        write({{QStringLiteral("event"), QStringLiteral("sent")},
               {QStringLiteral("id"), hex(packetId)}});
    });
    connect(m_node, &MeshNode::nicknameChanged, this, [this](const QString &nick) {
        write({{QStringLiteral("event"), QStringLiteral("nick")}, {QStringLiteral("nick"), nick}});
    });
    connect(m_node, &MeshNode::error, this, &HeadlessConsole::reportError);
    connect(&m_node->links(), &LinkManager::transportsChanged, this,
            &HeadlessConsole::writeTransports);
}

void HeadlessConsole::writeTransports()
{
    if (!m_node)
        return;
    for (const LinkTransport *transport : m_node->links().transports()) {
        const QString type =
            transport->type() == LinkType::Ble ? QStringLiteral("ble") : QStringLiteral("ip");
        const QString state = transportStateName(transport->state());
        const QString status = transport->statusText();
        const QString key = type + u'|' + state + u'|' + status;
        if (m_lastTransportState.value(type) == key)
            continue; // only changes are news
        m_lastTransportState.insert(type, key);
        write({{QStringLiteral("event"), QStringLiteral("transport")},
               {QStringLiteral("type"), type},
               {QStringLiteral("state"), state},
               {QStringLiteral("status"), status}});
    }
}

void HeadlessConsole::readFromDescriptor(int fd)
{
    m_fd = fd;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HeadlessConsole::readAvailable);
}

void HeadlessConsole::readAvailable()
{
#ifdef Q_OS_UNIX
    char buffer[4096];
    const ssize_t got = ::read(m_fd, buffer, sizeof buffer);
    if (got <= 0) {
        m_notifier->setEnabled(false);
        if (const auto last = m_reader.finish())
            handleLine(QString::fromUtf8(last->bytes));
        Q_EMIT quitRequested();
        return;
    }
    handleInput(QByteArrayView(buffer, got));
#endif
}

void HeadlessConsole::handleInput(QByteArrayView bytes)
{
    // Issue 8, defect 9: an over-long line is refused once and its tail is dropped with it,
    // never sent as a message of its own.
    for (const BoundedLineReader::Line &line : m_reader.feed(bytes)) {
        if (line.refused)
            reportError(tr("input line too long (more than %1 bytes): ignored up to its end")
                            .arg(m_reader.maxLineBytes()));
        else
            handleLine(QString::fromUtf8(line.bytes));
    }
}

void HeadlessConsole::handleLine(const QString &rawLine)
{
    QString line = rawLine;
    if (line.endsWith(u'\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    const QString command = line.trimmed();
    if (command == u"/quit") {
        Q_EMIT quitRequested();
    } else if (!m_node) {
        return; // between a wipe and the new node: nothing to drive
    } else if (line.startsWith(u"/nick ")) {
        m_node->setNickname(line.mid(6));
    } else if (command == u"/who") {
        writeWho();
    } else if (command == u"/wipe confirm") {
        Q_EMIT wipeRequested();
    } else if (command == u"/wipe") {
        reportError(tr("/wipe deletes this node's keys, history and settings and starts again "
                       "with a new identity; send \"/wipe confirm\" to do it"));
    } else if (line.startsWith(u'/') && !line.startsWith(u"//")) {
        reportError(tr("unknown command: %1").arg(line.section(u' ', 0, 0)));
    } else {
        // "//text" sends "/text": the way to broadcast a line that starts with a slash.
        m_node->sendMessage(line.startsWith(u"//") ? line.mid(1) : line);
    }
}

void HeadlessConsole::announceReady(const QString &listen)
{
    if (!m_node)
        return;
    writeTransports();
    write({{QStringLiteral("event"), QStringLiteral("ready")},
           {QStringLiteral("peer_id"), m_node->peerId().toHex()},
           {QStringLiteral("nick"), m_node->nickname()},
           {QStringLiteral("fingerprint"), m_node->fingerprint()},
           {QStringLiteral("listen"), listen}});
}

void HeadlessConsole::reportError(const QString &what)
{
    writeError(m_out, what);
}

void HeadlessConsole::reportWarning(const QString &what)
{
    write({{QStringLiteral("event"), QStringLiteral("warning")}, {QStringLiteral("what"), what}});
}

void HeadlessConsole::reportWiped()
{
    write({{QStringLiteral("event"), QStringLiteral("wiped")}});
}

void HeadlessConsole::writeError(QIODevice &out, const QString &what)
{
    writeTo(out,
            {{QStringLiteral("event"), QStringLiteral("error")}, {QStringLiteral("what"), what}});
}

void HeadlessConsole::writeTo(QIODevice &out, const QJsonObject &object)
{
    out.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

void HeadlessConsole::writePeer(const PeerInfo &peer, const QString &state)
{
    write({{QStringLiteral("event"), QStringLiteral("peer")},
           {QStringLiteral("state"), state},
           {QStringLiteral("peer_id"), peer.id.toHex()},
           {QStringLiteral("nick"), peer.nickname},
           {QStringLiteral("hops"), peer.hops},
           {QStringLiteral("link"), linkName(peer)}});
}

void HeadlessConsole::writeMessage(const StoredMessage &message)
{
    write({{QStringLiteral("event"), QStringLiteral("message")},
           {QStringLiteral("id"), hex(message.packetId)},
           {QStringLiteral("peer_id"), message.senderId.toHex()},
           {QStringLiteral("nick"), message.senderNickname},
           {QStringLiteral("text"), message.text},
           {QStringLiteral("hops"), message.hops},
           {QStringLiteral("verified"), message.verified},
           {QStringLiteral("timestamp"), message.timestampMs}});
}

void HeadlessConsole::writeWho()
{
    QJsonArray peers;
    for (const PeerInfo &peer : m_node->peers().peers()) {
        peers.append(QJsonObject{{QStringLiteral("peer_id"), peer.id.toHex()},
                                 {QStringLiteral("nick"), peer.nickname},
                                 {QStringLiteral("hops"), peer.hops},
                                 {QStringLiteral("link"), linkName(peer)}});
    }
    write({{QStringLiteral("event"), QStringLiteral("who")}, {QStringLiteral("peers"), peers}});
}
