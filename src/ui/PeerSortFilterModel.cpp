// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeerSortFilterModel.h"

#include "PeerModel.h"

PeerSortFilterModel::PeerSortFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
    connect(this, &QAbstractItemModel::rowsInserted, this, &PeerSortFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &PeerSortFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &PeerSortFilterModel::countChanged);
}

bool PeerSortFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftDirect = left.data(PeerModel::DirectRole).toBool();
    const bool rightDirect = right.data(PeerModel::DirectRole).toBool();
    if (leftDirect != rightDirect)
        return leftDirect;
    const int leftHops = left.data(PeerModel::HopsRole).toInt();
    const int rightHops = right.data(PeerModel::HopsRole).toInt();
    if (leftHops != rightHops)
        return leftHops < rightHops;
    const int byName =
        QString::localeAwareCompare(left.data(PeerModel::NicknameRole).toString().toCaseFolded(),
                                    right.data(PeerModel::NicknameRole).toString().toCaseFolded());
    if (byName != 0)
        return byName < 0;
    return left.data(PeerModel::PeerIdRole).toString() <
           right.data(PeerModel::PeerIdRole).toString();
}
