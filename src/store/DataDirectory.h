// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

/**
 * The node's data directory as a private place: created owner-only (0700), tightened when it or
 * the files Meshcast keeps in it are open to other users, and wiped on request. Meshcast's files
 * there are the key file (IdentityStore::FileName with its lock and temporary files) and every
 * SQLite database with its -wal, -shm and -journal companions (the history); isOwnedFile() names
 * them, and nothing else in the directory is ever touched.
 *
 * Owns only the path. Does not open, read or write any file's contents.
 */
class DataDirectory
{
    Q_DECLARE_TR_FUNCTIONS(DataDirectory)

public:
    explicit DataDirectory(QString path);

    const QString &path() const { return m_path; }

    /**
     * Makes the directory private before anything is stored: creates it 0700 (parents as the
     * umask makes them) when missing; when it exists and is open to other users, sets it to 0700
     * if this user owns it; sets Meshcast's files in it that are open to others to 0600. False,
     * with a reason for the user in @p error, when it cannot be created or is not a directory.
     * Something the user should be told once (it was open, or cannot be tightened) is added to
     * @p warnings, a translated sentence each; a private directory adds none.
     */
    bool prepare(QStringList *warnings, QString *error) const;

    /**
     * Deletes Meshcast's files in the directory (keys, histories and their companions); other
     * files and the directory stay. The databases must be closed first. False, with the files
     * that could not be deleted named in @p error, when one remains; @p removed gets the paths
     * deleted.
     */
    bool wipe(QString *error, QStringList *removed = nullptr) const;

    /** Whether @p fileName (no directory) is one of the files Meshcast keeps here. */
    static bool isOwnedFile(const QString &fileName);
    /** The Meshcast files present now, as absolute paths. */
    QStringList ownedFiles() const;

private:
    QString m_path;
};
