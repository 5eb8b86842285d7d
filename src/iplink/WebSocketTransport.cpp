// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketTransport.h"

#include <QUrl>
#include <QWebSocket>

#include "IpLinkLog.h"
#include "LanDiscovery.h"

using namespace Qt::StringLiterals;

WebSocketTransport::WebSocketTransport(Clock &clock, QObject *parent)
    : WebSocketTransport(clock, Options{}, parent)
{}

WebSocketTransport::WebSocketTransport(Clock &clock, const Options &options, QObject *parent)
    : LinkTransport(parent)
    , m_clock(clock)
    , m_options(options)
    , m_server(u"meshcast"_s, QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &WebSocketTransport::acceptPending);
    connect(&m_server, &QWebSocketServer::serverError, this,
            [](QWebSocketProtocol::CloseCode code) {
                qCDebug(lcIpLink) << "refused a WebSocket handshake, code" << code;
            });
}

WebSocketTransport::~WebSocketTransport()
{
    for (const PendingDial &dial : std::as_const(m_dials))
        m_clock.cancel(dial.timeout);
}

bool WebSocketTransport::start()
{
    if (m_server.isListening())
        return true;
    if (!m_server.listen(m_options.listenHost, m_options.listenPort)) {
        m_errorString = m_server.errorString();
        qCWarning(lcIpLink) << "cannot listen on" << m_options.listenHost << m_options.listenPort
                            << "-" << m_errorString;
        return false;
    }
    m_errorString.clear();
    qCInfo(lcIpLink) << "listening on" << listenUrl();
    Q_EMIT stateChanged();
    return true;
}

void WebSocketTransport::stop()
{
    if (!m_server.isListening())
        return;
    m_server.close();
    Q_EMIT stateChanged();
}

QString WebSocketTransport::listenUrl() const
{
    if (!m_server.isListening())
        return {};
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(listenAddress().toString());
    url.setPort(listenPort());
    return url.toString();
}

void WebSocketTransport::dial(const QString &address)
{
    const QUrl url(address, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"ws"_s || url.host().isEmpty() || url.port() <= 0) {
        QMetaObject::invokeMethod(
            this, [this, address] { Q_EMIT dialFailed(address, u"invalid address"_s); },
            Qt::QueuedConnection);
        return;
    }
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameSize));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxFrameSize));
    connect(socket, &QWebSocket::connected, this, [this, socket] { finishDial(socket); });
    // On a refused connection Qt emits disconnected() before error(), with the error already set.
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        failDial(socket, socket->error() == QAbstractSocket::UnknownSocketError
                             ? u"closed during handshake"_s
                             : socket->errorString());
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket] { failDial(socket, socket->errorString()); });
    const Clock::TimerId timeout = m_clock.callAfter(
        m_options.dialTimeoutMs, socket, [this, socket] { failDial(socket, u"timeout"_s); });
    m_dials.insert(socket, PendingDial{address, timeout});
    qCDebug(lcIpLink) << "dialing" << address;
    socket->open(url);
}

void WebSocketTransport::acceptPending()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        const QHostAddress peer = socket->peerAddress();
        const QString address = peer.protocol() == QAbstractSocket::IPv6Protocol
                                    ? u"[%1]:%2"_s.arg(peer.toString()).arg(socket->peerPort())
                                    : u"%1:%2"_s.arg(peer.toString()).arg(socket->peerPort());
        WebSocketLink *link = adopt(socket, false, address);
        qCInfo(lcIpLink) << "accepted link" << link->id() << "from" << address;
        Q_EMIT linkOpened(link);
    }
}

std::optional<WebSocketTransport::PendingDial> WebSocketTransport::takeDial(QWebSocket *socket)
{
    const auto it = m_dials.constFind(socket);
    if (it == m_dials.cend())
        return std::nullopt; // already answered: a dial ends exactly once
    const PendingDial dial = *it;
    m_dials.erase(it);
    m_clock.cancel(dial.timeout);
    disconnect(socket, nullptr, this, nullptr);
    return dial;
}

void WebSocketTransport::finishDial(QWebSocket *socket)
{
    const auto dial = takeDial(socket);
    if (!dial)
        return;
    WebSocketLink *link = adopt(socket, true, dial->address);
    qCInfo(lcIpLink) << "dialed link" << link->id() << "to" << dial->address;
    Q_EMIT linkOpened(link);
}

void WebSocketTransport::failDial(QWebSocket *socket, const QString &reason)
{
    const auto dial = takeDial(socket);
    if (!dial)
        return;
    socket->abort();
    socket->deleteLater();
    qCInfo(lcIpLink) << "dial to" << dial->address << "failed:" << reason;
    Q_EMIT dialFailed(dial->address, reason);
}

WebSocketLink *WebSocketTransport::adopt(QWebSocket *socket, bool outgoing,
                                         const QString &remoteAddress)
{
    auto *link = new WebSocketLink(socket, outgoing, remoteAddress, m_clock, m_options.maxFrameSize,
                                   m_options.sendQueue, this);
    connect(link, &WebSocketLink::faulted, this,
            [this](WebSocketFault fault) { ++m_faults[size_t(fault)]; });
    return link;
}

QString WebSocketTransport::statusText() const
{
    if (isRunning())
        return listenUrl();
    return m_errorString.isEmpty() ? tr("IP off") : tr("IP: %1").arg(m_errorString);
}

QString WebSocketTransport::discoveryText() const
{
    if (!m_lanDiscovery)
        return {};
    return m_lanDiscovery->isRunning()
               ? tr("LAN discovery on %1").arg(m_lanDiscovery->interfaceName())
               : tr("LAN discovery stopped: %1").arg(m_lanDiscovery->errorString());
}

void WebSocketTransport::setLanDiscovery(LanDiscovery *discovery)
{
    if (m_lanDiscovery)
        disconnect(m_lanDiscovery, nullptr, this, nullptr);
    m_lanDiscovery = discovery;
    if (discovery)
        connect(discovery, &LanDiscovery::runningChanged, this, &LinkTransport::stateChanged);
    Q_EMIT stateChanged();
}
