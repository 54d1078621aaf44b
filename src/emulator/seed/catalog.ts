/**
 * The account-wide lookup lists every seed starts with (`empty` included). Ids are fixed, so the
 * same name has the same id in every tenant and every run.
 */
import type { LookupRecord } from '../store/records.js';
import type { LookupList, Tenant } from '../store/tenant.js';

/** When the account was set up: every lookup row carries this time. */
const CATALOG_TIME = '2019-02-11T16:20:05.318Z';

type Row = Omit<LookupRecord, 'createdAt' | 'updatedAt'>;

export const CATALOG: Readonly<Record<LookupList, readonly Row[]>> = {
  organization_types: [
    { id: '101', name: 'Internal' },
    { id: '102', name: 'Customer' },
    { id: '103', name: 'Prospect' },
    { id: '104', name: 'Vendor' },
    { id: '105', name: 'Partner' },
  ],
  organization_statuses: [
    { id: '201', name: 'Active' },
    { id: '202', name: 'Inactive' },
    { id: '203', name: 'Decommissioned' },
  ],
  contact_types: [
    { id: '301', name: 'Employee' },
    { id: '302', name: 'Approver' },
    { id: '303', name: 'Vendor' },
    { id: '304', name: 'Terminated' },
    { id: '305', name: 'Champion' },
    { id: '306', name: 'Billing' },
  ],
  configuration_types: [
    { id: '401', name: 'Managed Workstation', kind: 'workstation' },
    { id: '402', name: 'Managed Server', kind: 'server' },
    { id: '403', name: 'Network Device', kind: 'network' },
    { id: '404', name: 'Printer', kind: 'printer' },
    { id: '405', name: 'Firewall', kind: 'firewall' },
  ],
  configuration_statuses: [
    { id: '501', name: 'Active' },
    { id: '502', name: 'Inactive' },
    { id: '503', name: 'Decommissioned' },
  ],
  password_categories: [
    { id: '601', name: 'Cloud' },
    { id: '602', name: 'Network' },
    { id: '603', name: 'Server' },
    { id: '604', name: 'Email' },
    { id: '605', name: 'Vendor Portal' },
    { id: '606', name: 'Domain Admin' },
  ],
  manufacturers: [
    { id: '701', name: 'Dell' },
    { id: '702', name: 'HP' },
    { id: '703', name: 'Lenovo' },
    { id: '704', name: 'Cisco' },
    { id: '705', name: 'Fortinet' },
    { id: '706', name: 'Ubiquiti' },
    { id: '707', name: 'Brother' },
    { id: '708', name: 'Apple' },
  ],
};

/** Models by configuration kind, each with its manufacturer. */
export const MODELS: readonly (Row & { kind: string; manufacturerId: string })[] = [
  { id: '801', name: 'OptiPlex 7010', kind: 'workstation', manufacturerId: '701' },
  { id: '802', name: 'Latitude 5440', kind: 'workstation', manufacturerId: '701' },
  { id: '803', name: 'EliteBook 840 G10', kind: 'workstation', manufacturerId: '702' },
  { id: '804', name: 'ThinkPad T14 Gen 4', kind: 'workstation', manufacturerId: '703' },
  { id: '805', name: 'MacBook Pro 14"', kind: 'workstation', manufacturerId: '708' },
  { id: '811', name: 'PowerEdge R650', kind: 'server', manufacturerId: '701' },
  { id: '812', name: 'ProLiant DL360 Gen11', kind: 'server', manufacturerId: '702' },
  { id: '821', name: 'Catalyst 9200L', kind: 'network', manufacturerId: '704' },
  { id: '822', name: 'UniFi Switch Pro 24', kind: 'network', manufacturerId: '706' },
  { id: '823', name: 'UniFi U6 Pro', kind: 'network', manufacturerId: '706' },
  { id: '831', name: 'HL-L8360CDW', kind: 'printer', manufacturerId: '707' },
  { id: '832', name: 'LaserJet Pro M404dn', kind: 'printer', manufacturerId: '702' },
  { id: '841', name: 'FortiGate 60F', kind: 'firewall', manufacturerId: '705' },
  { id: '842', name: 'FortiGate 100F', kind: 'firewall', manufacturerId: '705' },
];

export const OPERATING_SYSTEMS: readonly (Row & { kind: string })[] = [
  { id: '901', name: 'Windows 11 Pro', kind: 'workstation' },
  { id: '902', name: 'macOS 14 Sonoma', kind: 'workstation' },
  { id: '903', name: 'Windows Server 2022 Standard', kind: 'server' },
  { id: '904', name: 'Ubuntu 22.04 LTS', kind: 'server' },
  { id: '905', name: 'Cisco IOS XE 17', kind: 'network' },
  { id: '906', name: 'UniFi OS 3', kind: 'network' },
  { id: '907', name: 'FortiOS 7.4', kind: 'firewall' },
];

export function loadCatalog(tenant: Tenant): void {
  const stamp = { createdAt: CATALOG_TIME, updatedAt: CATALOG_TIME };
  for (const [list, rows] of Object.entries(CATALOG) as [LookupList, readonly Row[]][]) {
    for (const row of rows) tenant.lookups[list].insert({ ...row, ...stamp });
  }
  for (const model of MODELS) tenant.models.insert({ ...model, ...stamp });
  for (const system of OPERATING_SYSTEMS) tenant.operatingSystems.insert({ ...system, ...stamp });
  tenant.clock.observe(CATALOG_TIME);
}

const CATALOG_IDS = new Map(
  Object.entries(CATALOG).flatMap(([list, rows]) =>
    rows.map((row) => [`${list}:${row.name}`, row.id] as const),
  ),
);

/** A lookup id by name, for seed builders (throws on a typo, at seed time). */
export function catalogId(list: LookupList, name: string): string {
  const id = CATALOG_IDS.get(`${list}:${name}`);
  if (id === undefined) throw new Error(`no ${list} named ${name}`);
  return id;
}

/** Models and operating systems of one configuration kind. */
export function modelsOfKind(kind: string) {
  return MODELS.filter((model) => model.kind === kind);
}

export function systemsOfKind(kind: string) {
  return OPERATING_SYSTEMS.filter((system) => system.kind === kind);
}
