/** The one organization resolver: id, name, short name, ambiguity and "did you mean". */
import { describe, expect, it } from 'vitest';
import {
  AmbiguousOrganizationError,
  matchOrganization,
  resolveOrganizationIn,
  UnknownOrganizationError,
} from '../../src/resources/organization-names.js';

const ORGS = [
  { id: '1009', name: 'Happy Frog Dental', shortName: 'HFD' },
  { id: '990', name: 'Northwind Managed Services', shortName: 'NMS' },
  { id: '12', name: 'Acme', shortName: 'ACM' },
  { id: '13', name: 'ACME ', shortName: null },
  { id: '14', name: 'NMS', shortName: 'N2' },
  { id: '15', name: '2024', shortName: null },
];

describe('matchOrganization', () => {
  it('finds by id, by name ignoring case and spaces, then by short name', () => {
    expect(matchOrganization(ORGS, ' 1009 ')).toMatchObject({ status: 'found', matchedOn: 'id' });
    expect(matchOrganization(ORGS, 'happy  FROG dental')).toMatchObject({
      status: 'found',
      matchedOn: 'name',
      organization: { id: '1009' },
    });
    expect(matchOrganization(ORGS, 'hfd')).toMatchObject({ status: 'found', matchedOn: 'shortName' });
    // A name wins over another organization's short name.
    expect(matchOrganization(ORGS, 'nms')).toMatchObject({ organization: { id: '14' }, matchedOn: 'name' });
    // Digits that are no id may still be a name.
    expect(matchOrganization(ORGS, '2024')).toMatchObject({ organization: { id: '15' } });
  });

  it('reports a shared name as ambiguous unless a preference decides', () => {
    expect(matchOrganization(ORGS, 'acme')).toMatchObject({ status: 'ambiguous' });
    expect(() => resolveOrganizationIn(ORGS, 'acme')).toThrow(AmbiguousOrganizationError);
    expect(() => resolveOrganizationIn(ORGS, 'acme')).toThrow(
      /fits 2 organizations: Acme \(12, ACM\); ACME \(13\)/,
    );
    expect(matchOrganization(ORGS, 'acme', { preferred: (o) => o.id === '13' })).toMatchObject({
      status: 'found',
      organization: { id: '13' },
    });
  });

  it('suggests close names and short names on a miss, and nothing unrelated', () => {
    const names = (value: string) => {
      const match = matchOrganization(ORGS, value);
      return match.status === 'unknown' ? match.suggestions.map((o) => o.id) : match.status;
    };
    expect(names('Happy Frog')).toEqual(['1009']);
    expect(names('hapy frog dentl')).toEqual(['1009']);
    expect(names('hapy frog')).toEqual(['1009']);
    expect(names('Northwind Managed Servces')).toEqual(['990']);
    expect(names('HFX')).toEqual(['1009']);
    expect(names('Contoso Ltd')).toEqual([]);
    expect(names('999999')).toEqual([]);
  });

  it('throws a not-found error that carries the value and the suggestions, naming no flag', () => {
    let error: unknown;
    try {
      resolveOrganizationIn(ORGS, 'Happy Frg Dental');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownOrganizationError);
    const unknown = error as UnknownOrganizationError;
    expect(unknown.value).toBe('Happy Frg Dental');
    expect(unknown.suggestions).toEqual([{ id: '1009', name: 'Happy Frog Dental' }]);
    expect(unknown.message).toBe(
      'IT Glue has no organization with the id, name or short name "Happy Frg Dental". Did you mean: Happy Frog Dental (1009, HFD)?',
    );
  });
});
