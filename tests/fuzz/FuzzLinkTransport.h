// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FuzzLink.h"
#include "LinkTransport.h"

/**
 * The router fuzzer's only transport: it opens incoming FuzzLinks when the harness says a
 * neighbour connected, and dials nothing. Links start as its children (LinkTransport contract).
 */
class FuzzLinkTransport final : public LinkTransport
{
    Q_OBJECT
public:
    explicit FuzzLinkTransport(QObject *parent = nullptr)
        : LinkTransport(parent)
    {}

    LinkType type() const override { return LinkType::Ip; }
    bool start() override { return true; }
    bool isRunning() const override { return true; }
    void dial(const QString &address) override
    {
        Q_EMIT dialFailed(address, QStringLiteral("fuzz transport does not dial"));
    }

    /** A neighbour connects; returns its link, which the LinkManager may have refused. */
    FuzzLink *open(qsizetype mtu, FuzzLink::Inspector inspector)
    {
        auto *link = new FuzzLink(mtu, std::move(inspector), this);
        Q_EMIT linkOpened(link);
        return link;
    }
};
