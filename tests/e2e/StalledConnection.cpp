// SPDX-License-Identifier: GPL-3.0-or-later
#include "StalledConnection.h"

#include <QRandomGenerator>
#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "PacketForge.h"

StalledConnection::~StalledConnection()
{
    close();
}

bool StalledConnection::open(quint16 port, int receiveBufferBytes, int timeoutMs)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    // Before connect(): the window scale is agreed in the SYN, so the window stays small.
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    const timeval timeout{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        close();
        return false;
    }
    // RFC 6455 §4.1: the key is 16 random bytes in base64; this client does not check the
    // server's accept hash, an attacker has no reason to.
    const QByteArray request =
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " +
        PacketForge::randomBytes(16).toBase64() + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (::send(m_fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) !=
        ssize_t(request.size())) {
        close();
        return false;
    }
    // Reads the response head only (and whatever frames share its segment), then stops reading
    // for good.
    QByteArray response;
    char buffer[512];
    while (!response.contains("\r\n\r\n") && response.size() < 8192) {
        const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (got <= 0) {
            close();
            return false;
        }
        response.append(buffer, got);
    }
    if (!response.startsWith("HTTP/1.1 101")) {
        close();
        return false;
    }
    return true;
}

bool StalledConnection::sendFrame(const QByteArray &payload)
{
    if (m_fd < 0)
        return false;
    // RFC 6455 §5.2: FIN + binary opcode, then the masked length (7 bits, or 126 + 16 bits, or
    // 127 + 64 bits), the masking key and the payload XORed with it; a client always masks.
    QByteArray frame;
    frame.append(char(0x82));
    const auto size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        uchar length[2];
        qToBigEndian(quint16(size), length);
        frame.append(reinterpret_cast<const char *>(length), 2);
    } else {
        frame.append(char(0x80 | 127));
        uchar length[8];
        qToBigEndian(size, length);
        frame.append(reinterpret_cast<const char *>(length), 8);
    }
    const QByteArray mask = PacketForge::randomBytes(4);
    frame.append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    const ssize_t sent =
        ::send(m_fd, frame.constData(), size_t(frame.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    return sent == ssize_t(frame.size());
}

bool StalledConnection::peerHungUp() const
{
    if (m_fd < 0)
        return true;
    pollfd descriptor{m_fd, POLLRDHUP, 0};
    return ::poll(&descriptor, 1, 0) > 0 &&
           (descriptor.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

void StalledConnection::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}
