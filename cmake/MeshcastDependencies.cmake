# SPDX-License-Identifier: GPL-3.0-or-later
# Third-party packages, all from Debian 12 (scripts/install-deps installs them).
find_package(Qt6 6.4 REQUIRED COMPONENTS Core)
find_package(PkgConfig REQUIRED)
pkg_check_modules(Sodium REQUIRED IMPORTED_TARGET libsodium)
find_package(ZLIB REQUIRED)
