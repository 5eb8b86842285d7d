// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "Packet.h"

/**
 * Payloads that inflate about a thousandfold (issue 8, attack 6): a short prefix that differs
 * per packet, then a large uniform bulk, as a compressed payload section (spec 01 §4.3). The bulk
 * is deflated once, here; each payload deflates only its prefix, flushed to a byte boundary and
 * not final, and appends the bulk's blocks — still one valid DEFLATE stream (RFC 1951 §3.2.3) —
 * so hundreds of 2 MiB payloads cost what one does. A plain value; zlib does the deflating.
 */
class InflationBomb
{
public:
    explicit InflationBomb(QByteArray bulk);

    qsizetype bulkSize() const { return m_bulk.size(); }
    /**
     * @p packet, whose payload is the prefix, with the bulk appended to its payload and the
     * compressed section set (version 2 when the size needs its 4-byte preamble). Unsigned.
     */
    Packet apply(Packet packet) const;

private:
    QByteArray m_bulk;
    QByteArray m_deflatedBulk;
};
