// SPDX-License-Identifier: GPL-3.0-or-later
#include "LinkTransport.h"

LinkTransport::LinkTransport(QObject *parent)
    : QObject(parent)
{}

LinkTransport::~LinkTransport() = default;
