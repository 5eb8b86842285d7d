# SPDX-License-Identifier: GPL-3.0-or-later
'''python-dbusmock template: BlueZ 5 with remote bitchat peripherals.

Extends dbusmock's bluez5 template (adapters, devices, discovery) with what Qt 6.4's D-Bus central
really calls (measured, see /work/shared/notes/bluez-simulation.md): Device1.Connect that sets and
signals Connected and then ServicesResolved, a GATT tree under each device (GattService1 →
GattCharacteristic1 → the CCCD GattDescriptor1) published with InterfacesAdded on connect and
removed on disconnect, ReadValue/WriteValue/StartNotify, and notifications as PropertiesChanged of
the characteristic's Value.

Test controls live on /  (interface org.bluez.Mock), next to bluez5's AddAdapter/AddDevice:
  AddBitchatDevice(adapter, address, rssi, mtu) -> device path
  SetRssi(device, rssi)            an advertisement heard again (PropertiesChanged RSSI)
  Notify(device, value)            the peripheral notifies value (needs StartNotify first)
  GetWrites(device) -> a(ays)      every WriteValue on the characteristic: bytes and "type"
  GetConnectCount(device) -> u     how many Device1.Connect calls succeeded
  GetConnectAttempts(device) -> u  how many Device1.Connect calls arrived, failed ones included
  IsNotifying(device) -> b
  DropConnection(device)           the remote end goes away (as a link loss does)
  SetConnectable(device, b)        false: Connect fails with org.bluez.Error.Failed
  SetPowered(adapter, b)           Adapter1.Powered, as `bluetoothctl power off/on` does;
                                   powering off disconnects every device first, like BlueZ
  GetDiscoveryCount(adapter) -> u  how many StartDiscovery calls arrived
'''

import dbus

from dbusmock import OBJECT_MANAGER_IFACE, mockobject
# Re-export bluez5 whole: AddTemplate collects every D-Bus method of this module, and the
# command line reads BUS_NAME, MAIN_OBJ, SYSTEM_BUS and IS_OBJECT_MANAGER from it.
from dbusmock.templates.bluez5 import *  # noqa: F401,F403 pylint: disable=wildcard-import
from dbusmock.templates import bluez5

BITCHAT_SERVICE = 'f47b5e2d-4a9e-4c5a-9b3f-8e1d2c3a4b5c'
BITCHAT_CHARACTERISTIC = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d'
CCCD = '00002902-0000-1000-8000-00805f9b34fb'

MOCK_IFACE = 'org.bluez.Mock'
ADAPTER_IFACE = 'org.bluez.Adapter1'
DEVICE_IFACE = 'org.bluez.Device1'
SERVICE_IFACE = 'org.bluez.GattService1'
CHAR_IFACE = 'org.bluez.GattCharacteristic1'
DESC_IFACE = 'org.bluez.GattDescriptor1'


def load(mock, parameters):
    bluez5.load(mock, parameters)


def _manager():
    return mockobject.objects['/']


def _device(path):
    try:
        return mockobject.objects[path]
    except KeyError as error:
        raise dbus.exceptions.DBusException(f'no device {path}',
                                            name=MOCK_IFACE + '.NoSuchDevice') from error


def _changed(obj, interface, props):
    obj.EmitSignal(dbus.PROPERTIES_IFACE, 'PropertiesChanged', 'sa{sv}as',
                   [interface, props, dbus.Array([], signature='s')])


def _set(obj, interface, name, value):
    obj.props[interface][name] = value
    _changed(obj, interface, {name: value})


def _gatt_paths(device_path):
    service = device_path + '/service0010'
    char = service + '/char0011'
    return service, char, char + '/desc0013'


def _publish_gatt(device):
    '''Creates the bitchat service tree under a device, as BlueZ does once connected.'''
    service_path, char_path, desc_path = _gatt_paths(device.path)
    if service_path in mockobject.objects:
        return
    manager = _manager()
    service_props = {
        'UUID': dbus.String(BITCHAT_SERVICE, variant_level=1),
        'Primary': dbus.Boolean(True, variant_level=1),
        'Device': dbus.ObjectPath(device.path, variant_level=1),
        'Includes': dbus.Array([], signature='o', variant_level=1),
    }
    manager.AddObject(service_path, SERVICE_IFACE, service_props, [])
    char_props = {
        'UUID': dbus.String(BITCHAT_CHARACTERISTIC, variant_level=1),
        'Service': dbus.ObjectPath(service_path, variant_level=1),
        'Value': dbus.Array([], signature='y', variant_level=1),
        'Notifying': dbus.Boolean(False, variant_level=1),
        'Flags': dbus.Array(['read', 'write', 'write-without-response', 'notify'],
                            signature='s', variant_level=1),
        'MTU': dbus.UInt16(device.att_mtu, variant_level=1),  # BlueZ >= 5.62
    }
    manager.AddObject(char_path, CHAR_IFACE, char_props, [
        ('ReadValue', 'a{sv}', 'ay', _char_read),
        ('WriteValue', 'aya{sv}', '', _char_write),
        ('StartNotify', '', '', _char_start_notify),
        ('StopNotify', '', '', _char_stop_notify),
    ])
    mockobject.objects[char_path].device_path = device.path
    desc_props = {
        'UUID': dbus.String(CCCD, variant_level=1),
        'Characteristic': dbus.ObjectPath(char_path, variant_level=1),
        'Value': dbus.Array([dbus.Byte(0), dbus.Byte(0)], signature='y', variant_level=1),
    }
    manager.AddObject(desc_path, DESC_IFACE, desc_props, [
        ('ReadValue', 'a{sv}', 'ay', _desc_read),
        ('WriteValue', 'aya{sv}', '', ''),
    ])
    # AddObject does not announce objects: do it, parents first, as BlueZ does.
    for path in (service_path, char_path, desc_path):
        obj = mockobject.objects[path]
        manager.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}',
                           [dbus.ObjectPath(path), obj.props])


def _unpublish_gatt(device):
    manager = _manager()
    service_path, char_path, desc_path = _gatt_paths(device.path)
    for path, interface in ((desc_path, DESC_IFACE), (char_path, CHAR_IFACE),
                            (service_path, SERVICE_IFACE)):
        if path in mockobject.objects:
            manager.RemoveObject(path)
            manager.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesRemoved', 'oas',
                               [dbus.ObjectPath(path), dbus.Array([interface], signature='s')])


def _char_read(char, _options):
    return char.props[CHAR_IFACE]['Value']


def _desc_read(desc, _options):
    return desc.props[DESC_IFACE]['Value']


def _char_write(char, value, options):
    device = _device(char.device_path)
    kind = str(options.get('type', 'request'))
    device.writes.append((bytes(bytearray(value)), kind))


def _char_start_notify(char):
    _set(char, CHAR_IFACE, 'Notifying', dbus.Boolean(True, variant_level=1))


def _char_stop_notify(char):
    _set(char, CHAR_IFACE, 'Notifying', dbus.Boolean(False, variant_level=1))


def _adapter_of(device):
    return mockobject.objects[str(device.props[DEVICE_IFACE]['Adapter'])]


def _device_connect(device):
    device.connect_attempts += 1
    if not _adapter_of(device).props[ADAPTER_IFACE]['Powered']:
        raise dbus.exceptions.DBusException('Resource Not Ready', name='org.bluez.Error.NotReady')
    if not device.connectable:
        raise dbus.exceptions.DBusException('le-connection-abort-by-local',
                                            name='org.bluez.Error.Failed')
    if device.props[DEVICE_IFACE]['Connected']:
        raise dbus.exceptions.DBusException('Already Connected',
                                            name='org.bluez.Error.AlreadyConnected')
    device.connect_count += 1
    _set(device, DEVICE_IFACE, 'Connected', dbus.Boolean(True, variant_level=1))
    _publish_gatt(device)
    _set(device, DEVICE_IFACE, 'ServicesResolved', dbus.Boolean(True, variant_level=1))


def _device_disconnect(device):
    if not device.props[DEVICE_IFACE]['Connected']:
        raise dbus.exceptions.DBusException('Not Connected', name='org.bluez.Error.NotConnected')
    _drop(device)


def _drop(device):
    '''Ends a connection the way BlueZ reports it: services unresolved, then disconnected.'''
    if not device.props[DEVICE_IFACE]['Connected']:
        return
    _set(device, DEVICE_IFACE, 'ServicesResolved', dbus.Boolean(False, variant_level=1))
    _set(device, DEVICE_IFACE, 'Connected', dbus.Boolean(False, variant_level=1))
    _unpublish_gatt(device)


@dbus.service.method(MOCK_IFACE, in_signature='ssnq', out_signature='s')
def AddBitchatDevice(self, adapter_name, address, rssi, mtu):
    '''A remote bitchat node in range: advertises the bitchat service UUID only (spec 02 §4.1).'''
    adapter_path = '/org/bluez/' + adapter_name
    if adapter_path not in mockobject.objects:
        raise dbus.exceptions.DBusException(f'no adapter {adapter_name}',
                                            name=MOCK_IFACE + '.NoSuchAdapter')
    path = adapter_path + '/dev_' + address.replace(':', '_').upper()
    properties = {
        'Address': dbus.String(address, variant_level=1),
        'AddressType': dbus.String('random', variant_level=1),
        'Alias': dbus.String(address.replace(':', '-'), variant_level=1),
        'Class': dbus.UInt32(0, variant_level=1),
        'Appearance': dbus.UInt16(0, variant_level=1),
        'UUIDs': dbus.Array([BITCHAT_SERVICE], signature='s', variant_level=1),
        'Paired': dbus.Boolean(False, variant_level=1),
        'Bonded': dbus.Boolean(False, variant_level=1),
        'Connected': dbus.Boolean(False, variant_level=1),
        'Trusted': dbus.Boolean(False, variant_level=1),
        'Blocked': dbus.Boolean(False, variant_level=1),
        'LegacyPairing': dbus.Boolean(False, variant_level=1),
        'Adapter': dbus.ObjectPath(adapter_path, variant_level=1),
        'RSSI': dbus.Int16(rssi, variant_level=1),
        'ServicesResolved': dbus.Boolean(False, variant_level=1),
        'ManufacturerData': dbus.Dictionary({}, signature='qv', variant_level=1),
        'ServiceData': dbus.Dictionary({}, signature='sv', variant_level=1),
    }
    self.AddObject(path, DEVICE_IFACE, properties, [
        ('Connect', '', '', _device_connect),
        ('Disconnect', '', '', _device_disconnect),
        ('Pair', '', '', ''),
        ('CancelPairing', '', '', ''),
    ])
    device = mockobject.objects[path]
    device.att_mtu = int(mtu)
    device.writes = []
    device.connect_count = 0
    device.connect_attempts = 0
    device.connectable = True
    self.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}',
                    [dbus.ObjectPath(path), {DEVICE_IFACE: properties}])
    return path


@dbus.service.method(MOCK_IFACE, in_signature='on', out_signature='')
def SetRssi(_self, device_path, rssi):
    _set(_device(device_path), DEVICE_IFACE, 'RSSI', dbus.Int16(rssi, variant_level=1))


@dbus.service.method(MOCK_IFACE, in_signature='oay', out_signature='')
def Notify(_self, device_path, value):
    _service, char_path, _desc = _gatt_paths(device_path)
    char = mockobject.objects.get(char_path)
    if char is None or not char.props[CHAR_IFACE]['Notifying']:
        raise dbus.exceptions.DBusException('nobody subscribed',
                                            name=MOCK_IFACE + '.NotNotifying')
    data = dbus.Array([dbus.Byte(b) for b in bytes(bytearray(value))], signature='y',
                      variant_level=1)
    char.props[CHAR_IFACE]['Value'] = data
    _changed(char, CHAR_IFACE, {'Value': data})


@dbus.service.method(MOCK_IFACE, in_signature='o', out_signature='a(ays)')
def GetWrites(_self, device_path):
    return dbus.Array([dbus.Struct((dbus.ByteArray(value), kind), signature='ays')
                       for value, kind in _device(device_path).writes], signature='(ays)')


@dbus.service.method(MOCK_IFACE, in_signature='o', out_signature='u')
def GetConnectCount(_self, device_path):
    return dbus.UInt32(_device(device_path).connect_count)


@dbus.service.method(MOCK_IFACE, in_signature='o', out_signature='u')
def GetConnectAttempts(_self, device_path):
    return dbus.UInt32(_device(device_path).connect_attempts)


@dbus.service.method(MOCK_IFACE, in_signature='o', out_signature='b')
def IsNotifying(_self, device_path):
    _service, char_path, _desc = _gatt_paths(device_path)
    char = mockobject.objects.get(char_path)
    return dbus.Boolean(char is not None and bool(char.props[CHAR_IFACE]['Notifying']))


@dbus.service.method(MOCK_IFACE, in_signature='o', out_signature='')
def DropConnection(_self, device_path):
    _drop(_device(device_path))


@dbus.service.method(MOCK_IFACE, in_signature='ob', out_signature='')
def SetConnectable(_self, device_path, connectable):
    _device(device_path).connectable = bool(connectable)


@dbus.service.method(MOCK_IFACE, in_signature='sb', out_signature='')
def SetPowered(_self, adapter_name, powered):
    adapter_path = '/org/bluez/' + adapter_name
    adapter = mockobject.objects[adapter_path]
    if not powered:
        for path, obj in list(mockobject.objects.items()):
            if path.startswith(adapter_path + '/dev_') and DEVICE_IFACE in obj.props:
                _drop(obj)
        adapter.props[ADAPTER_IFACE]['Discovering'] = dbus.Boolean(False, variant_level=1)
    _set(adapter, ADAPTER_IFACE, 'Powered', dbus.Boolean(bool(powered), variant_level=1))


@dbus.service.method(MOCK_IFACE, in_signature='s', out_signature='u')
def GetDiscoveryCount(_self, adapter_name):
    adapter = mockobject.objects['/org/bluez/' + adapter_name]
    return dbus.UInt32(sum(1 for call in adapter.call_log if call[1] == 'StartDiscovery'))
