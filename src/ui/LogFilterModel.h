// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

/**
 * The log lines the user asked for: at or above `minimumLevel` (a LogModel::Level) and whose
 * category contains `categoryFilter` (case-insensitive; empty shows all). Source: a LogModel.
 */
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int minimumLevel READ minimumLevel WRITE setMinimumLevel NOTIFY filterChanged)
    Q_PROPERTY(
        QString categoryFilter READ categoryFilter WRITE setCategoryFilter NOTIFY filterChanged)
public:
    explicit LogFilterModel(QObject *parent = nullptr);

    int minimumLevel() const { return m_minimumLevel; }
    void setMinimumLevel(int level);
    QString categoryFilter() const { return m_categoryFilter; }
    void setCategoryFilter(const QString &filter);

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumLevel = 0;
    QString m_categoryFilter;
};
