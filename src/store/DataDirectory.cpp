// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "IdentityStore.h"
#include "StoreLog.h"

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {
constexpr QFileDevice::Permissions OwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OwnerOnlyDirectory = OwnerOnlyFile | QFileDevice::ExeOwner;
// Any bit for group or others counts: execute on a directory is enough to open a file in it by
// name, and write on the key file is enough to replace the identity.
constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                  QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther;

const QStringList DatabaseSuffixes = {QStringLiteral(".sqlite"), QStringLiteral(".sqlite-wal"),
                                      QStringLiteral(".sqlite-shm"),
                                      QStringLiteral(".sqlite-journal")};

/** The mode as ls and chmod write it, e.g. "0777" (Qt's owner bits; user bits are the same). */
QString octalMode(QFileDevice::Permissions permissions)
{
    const auto bit = [permissions](QFileDevice::Permission p, int value) {
        return permissions.testFlag(p) ? value : 0;
    };
    const int owner = bit(QFileDevice::ReadOwner, 4) | bit(QFileDevice::WriteOwner, 2) |
                      bit(QFileDevice::ExeOwner, 1);
    const int group = bit(QFileDevice::ReadGroup, 4) | bit(QFileDevice::WriteGroup, 2) |
                      bit(QFileDevice::ExeGroup, 1);
    const int other = bit(QFileDevice::ReadOther, 4) | bit(QFileDevice::WriteOther, 2) |
                      bit(QFileDevice::ExeOther, 1);
    return QStringLiteral("0%1%2%3").arg(owner).arg(group).arg(other);
}

bool ownedByThisUser(const QFileInfo &info)
{
#ifdef Q_OS_UNIX
    return info.ownerId() == ::geteuid();
#else
    Q_UNUSED(info);
    return true;
#endif
}
} // namespace

DataDirectory::DataDirectory(QString path)
    : m_path(std::move(path))
{}

bool DataDirectory::isOwnedFile(const QString &fileName)
{
    const QString key = IdentityStore::FileName;
    // identity.json, its .lock and QSaveFile's identity.json.XXXXXX while writing.
    if (fileName == key || fileName.startsWith(key + u'.'))
        return true;
    for (const QString &suffix : DatabaseSuffixes) {
        if (fileName.size() > suffix.size() && fileName.endsWith(suffix))
            return true;
    }
    return false;
}

QStringList DataDirectory::ownedFiles() const
{
    QStringList files;
    const QDir dir(m_path);
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const QString &name : names) {
        if (isOwnedFile(name))
            files.append(dir.absoluteFilePath(name));
    }
    return files;
}

bool DataDirectory::prepare(QStringList *warnings, QString *error) const
{
#ifndef Q_OS_UNIX
    // Permissions here are POSIX modes; elsewhere the user's profile folder is private already.
    Q_UNUSED(warnings);
    if (QDir().mkpath(m_path))
        return true;
    *error = tr("Cannot create data directory %1.").arg(m_path);
    return false;
#else
    const QFileInfo info(m_path);
    if (info.exists() && !info.isDir()) {
        *error = tr("Cannot use data directory %1: it is not a directory.").arg(m_path);
        return false;
    }
    if (!info.exists()) {
        if (!QDir().mkpath(info.absolutePath()) ||
            !QDir().mkdir(info.absoluteFilePath(), OwnerOnlyDirectory)) {
            *error = tr("Cannot create data directory %1.").arg(m_path);
            return false;
        }
        qCInfo(lcStore) << "created data directory" << m_path << "mode 0700";
        return true;
    }

    const QFileDevice::Permissions mode = info.permissions();
    if (mode & GroupOrOther) {
        if (!ownedByThisUser(info)) {
            warnings->append(tr("The data directory %1 is open to other users (mode %2) and "
                                "belongs to another user, so Meshcast cannot make it private. "
                                "Anyone with access to it can copy your key and history; use a "
                                "directory of your own.")
                                 .arg(m_path, octalMode(mode)));
        } else if (!QFile::setPermissions(m_path, OwnerOnlyDirectory)) {
            warnings->append(tr("The data directory %1 is open to other users (mode %2) and "
                                "could not be made private. Anyone with access to it can copy "
                                "your key and history; run chmod 700 on it.")
                                 .arg(m_path, octalMode(mode)));
        } else {
            warnings->append(tr("The data directory %1 was open to other users (mode %2); "
                                "Meshcast made it private (0700). Anyone who had access may "
                                "have copied your key and history: if that worries you, wipe "
                                "your data to start with a new identity.")
                                 .arg(m_path, octalMode(mode)));
        }
        qCInfo(lcStore) << "data directory" << m_path << "was mode" << octalMode(mode);
    }

    const QString keyPath = QDir(m_path).filePath(IdentityStore::FileName);
    for (const QString &file : ownedFiles()) {
        const QFileInfo fileInfo(file);
        if (fileInfo.isSymLink() || !(fileInfo.permissions() & GroupOrOther))
            continue;
        const QString was = octalMode(fileInfo.permissions());
        const bool tightened =
            ownedByThisUser(fileInfo) && QFile::setPermissions(file, OwnerOnlyFile);
        qCInfo(lcStore) << "file" << file << "was mode" << was << (tightened ? "now 0600" : "");
        if (file != keyPath)
            continue; // the history is covered by the directory's warning, when it was open
        warnings->append(tightened ? tr("The key file %1 was readable by other users (mode %2); "
                                        "Meshcast made it private (0600). Anyone who read it "
                                        "can pose as you: wipe your data to start with a new "
                                        "identity if that worries you.")
                                         .arg(file, was)
                                   : tr("The key file %1 is readable by other users (mode %2) "
                                        "and could not be made private; run chmod 600 on it.")
                                         .arg(file, was));
    }
    return true;
#endif
}

bool DataDirectory::wipe(QString *error, QStringList *removed) const
{
    QStringList failed;
    for (const QString &file : ownedFiles()) {
        if (QFile::remove(file)) {
            if (removed)
                removed->append(file);
        } else {
            failed.append(file);
        }
    }
    if (!failed.isEmpty()) {
        *error = tr("Could not delete %1.").arg(failed.join(QStringLiteral(", ")));
        qCWarning(lcStore) << "wipe left" << failed;
        return false;
    }
    qCInfo(lcStore) << "wiped" << m_path;
    return true;
}
