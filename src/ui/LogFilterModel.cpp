// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogFilterModel.h"

#include "LogModel.h"

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void LogFilterModel::setMinimumLevel(int level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

void LogFilterModel::setCategoryFilter(const QString &filter)
{
    if (filter == m_categoryFilter)
        return;
    m_categoryFilter = filter;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(LogModel::LevelRole).toInt() < m_minimumLevel)
        return false;
    return m_categoryFilter.isEmpty() || index.data(LogModel::CategoryRole)
                                             .toString()
                                             .contains(m_categoryFilter, Qt::CaseInsensitive);
}
