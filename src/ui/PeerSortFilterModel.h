// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

/**
 * The peer list as shown: direct neighbours first, then by hops, then by nickname (locale-aware,
 * case-insensitive), re-sorted live as announces change those roles. Source: a PeerModel.
 */
class PeerSortFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit PeerSortFilterModel(QObject *parent = nullptr);

    int count() const { return rowCount(); }

Q_SIGNALS:
    void countChanged();

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};
