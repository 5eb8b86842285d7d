// SPDX-License-Identifier: GPL-3.0-or-later
#include "GattServer.h"

GattServer::GattServer(QObject *parent)
    : QObject(parent)
{}

GattServer::~GattServer() = default;
