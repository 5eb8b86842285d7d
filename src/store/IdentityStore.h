// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include "Identity.h"
#include "StoreResult.h"

/**
 * Keeps the node's Identity in one file, identity.json, inside a data directory chosen by the
 * caller (QStandardPaths::AppDataLocation or --data-dir). On first start it generates an identity
 * and writes it atomically (QSaveFile, mode 0600, directory created 0700 when missing); later it
 * loads the same one. A file that exists but cannot be read or does not hold a consistent identity
 * is reported, never replaced: losing the keys would silently turn this node into a stranger.
 * Owns only the path; the Identity it returns is the caller's. The file layout is
 * IdentityFileCodec's.
 */
class IdentityStore
{
    Q_DECLARE_TR_FUNCTIONS(IdentityStore)

public:
    static constexpr QLatin1StringView FileName{"identity.json"};

    explicit IdentityStore(QString directory);

    const QString &directory() const { return m_directory; }
    QString filePath() const;

    /** The stored identity, or why there is none (missing, unreadable, damaged). Never writes. */
    StoreResult<Identity> load() const;
    /**
     * load() when the file exists; otherwise generates an identity and stores it first. Two
     * processes starting together on one directory agree on a single identity (a lock file
     * guards creation). Errors name the file and the reason, fit to show the user.
     */
    StoreResult<Identity> loadOrCreate() const;

private:
    StoreResult<Identity> create() const;
    bool ensureDirectory(QString *error) const;

    QString m_directory;
};
