// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdentityStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>

#include "IdentityFileCodec.h"
#include "StoreLog.h"

namespace {
constexpr QFileDevice::Permissions OwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OwnerOnlyDirectory = OwnerOnlyFile | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions OthersMayAccess =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
    QFileDevice::WriteOther;
/** How long a start waits for another process that is creating the identity right now. */
constexpr int LockTimeoutMs = 10'000;

QString lockFailure(const QLockFile &lock)
{
    switch (lock.error()) {
    case QLockFile::LockFailedError:
        return IdentityStore::tr("another process is creating it");
    case QLockFile::PermissionError:
        return IdentityStore::tr("the directory is not writable");
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        break;
    }
    return IdentityStore::tr("the lock file %1 cannot be created").arg(lock.fileName());
}
} // namespace

IdentityStore::IdentityStore(QString directory)
    : m_directory(std::move(directory))
{}

QString IdentityStore::filePath() const
{
    return QDir(m_directory).filePath(FileName);
}

StoreResult<Identity> IdentityStore::load() const
{
    using Result = StoreResult<Identity>;
    const QString path = filePath();
    const QFileInfo info(path);
    if (!info.exists())
        return Result::failure(tr("Identity file %1 does not exist.").arg(path));
    if (!info.isFile())
        return Result::failure(tr("Identity file %1 is not a regular file.").arg(path));
    if (info.size() > IdentityFileCodec::MaxFileSize)
        return Result::failure(tr("Identity file %1 is damaged: it is larger than %2 bytes. It was "
                                  "left untouched; move it away to start with a new identity.")
                                   .arg(path)
                                   .arg(IdentityFileCodec::MaxFileSize));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result::failure(
            tr("Cannot read identity file %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(IdentityFileCodec::MaxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return Result::failure(
            tr("Cannot read identity file %1: %2").arg(path, file.errorString()));

    StoreResult<Identity> identity = IdentityFileCodec::decode(bytes);
    if (!identity)
        return Result::failure(tr("Identity file %1 is damaged: %2. It was left untouched; move it "
                                  "away to start with a new identity.")
                                   .arg(path, identity.error()));
    if (info.permissions() & OthersMayAccess)
        qCWarning(lcStore) << "identity file" << path
                           << "is accessible to other users; it should be mode 0600";
    qCDebug(lcStore) << "loaded identity" << identity->peerId().toHex() << "from" << path;
    return identity;
}

StoreResult<Identity> IdentityStore::loadOrCreate() const
{
    using Result = StoreResult<Identity>;
    // A dangling symlink or an unreadable entry also "exists": load() reports it, never create().
    if (QFileInfo(filePath()).exists() || QFileInfo(filePath()).isSymLink())
        return load();

    QString error;
    if (!ensureDirectory(&error))
        return Result::failure(error);
    QLockFile lock(QDir(m_directory).filePath(FileName + QLatin1StringView(".lock")));
    if (!lock.tryLock(LockTimeoutMs))
        return Result::failure(
            tr("Cannot create identity file %1: %2.").arg(filePath(), lockFailure(lock)));
    // Another process may have created it while this one waited for the lock.
    if (QFileInfo(filePath()).exists() || QFileInfo(filePath()).isSymLink())
        return load();
    return create();
}

StoreResult<Identity> IdentityStore::create() const
{
    using Result = StoreResult<Identity>;
    const QString path = filePath();
    Identity identity = Identity::generate();

    QSaveFile file(path);
    // Owner-only before a single secret byte is written; commit() keeps the temp file's mode.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnlyFile))
        return Result::failure(
            tr("Cannot create identity file %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = IdentityFileCodec::encode(identity);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Result::failure(
            tr("Cannot write identity file %1: %2").arg(path, file.errorString()));
    qCInfo(lcStore) << "created identity" << identity.peerId().toHex() << "in" << path;
    return identity;
}

bool IdentityStore::ensureDirectory(QString *error) const
{
    const QFileInfo info(m_directory);
    if (info.isDir())
        return true;
    if (info.exists()) {
        *error = tr("Cannot create identity file in %1: it is not a directory.").arg(m_directory);
        return false;
    }
    // Parents as the user's umask makes them; the data directory itself owner-only.
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent) || !QDir().mkdir(info.absoluteFilePath(), OwnerOnlyDirectory)) {
        *error = tr("Cannot create data directory %1.").arg(m_directory);
        return false;
    }
    return true;
}
