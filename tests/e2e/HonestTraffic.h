// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class HeadlessNode;

/**
 * Honest messages from one headless node to another while something else goes on (issue 8):
 * writes one line to the sender's stdin every interval and notes when the receiver printed it.
 * Latency runs from that write to the receiver's output line, as a user at both ends would see
 * it. Uses (does not own) both nodes; message texts carry a tag and a nonce, so each is found
 * by its text.
 */
class HonestTraffic : public QObject
{
    Q_OBJECT
public:
    /** A message never shown counts as this latency in the percentiles. */
    static constexpr qint64 Never = -1;

    HonestTraffic(HeadlessNode &from, HeadlessNode &to, const QString &tag,
                  QObject *parent = nullptr);

    /** Sends @p count messages, the first now, then one every @p intervalMs. */
    void start(int count, int intervalMs);
    bool isSending() const { return m_timer.isActive(); }
    /**
     * Waits until all are sent and each arrived or had @p deliveryBoundMs to; false when not
     * everything arrived.
     */
    bool waitForDeliveries(int deliveryBoundMs);

    int sentCount() const { return int(m_sentAtMs.size()); }
    /** Messages shown at the receiver within @p boundMs of being written. */
    int deliveredWithin(qint64 boundMs) const;
    /** The q-quantile (0 < q ≤ 1) of the latencies of every sent message, ms, or Never. */
    qint64 percentileMs(double q) const;
    /** "19/20 delivered within 5000 ms, p50 120 ms, p95 400 ms, max 900 ms". */
    QString summary(qint64 boundMs) const;

    static QString formatMs(qint64 ms);

private:
    void sendNext();
    void onEvent(const QJsonObject &event);

    HeadlessNode &m_from;
    HeadlessNode &m_to;
    QString m_tag;
    QString m_nonce;
    int m_count = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QList<qint64> m_sentAtMs;
    QList<qint64> m_latencyMs; ///< by message index; Never until shown
    QHash<QString, int> m_indexByText;
};
