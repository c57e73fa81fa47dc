import { describe, expect, it } from 'vitest';
import { parseFieldSelector } from '../sandbox/api/store/field-selector';
import { parseLabelSelector } from '../sandbox/api/store/label-selector';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (api, web)', true],
    ['app notin (web)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier=backend', false],
    ['app in (web),missing notin (x)', true],
    ['', true],
  ])('%s matches {app: web, tier: frontend}: %s', (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it('refuses a malformed selector with a 400', () => {
    expect(() => parseLabelSelector('app in web)')).toThrow(expect.objectContaining({ code: 400 }));
  });
});

describe('field selectors', () => {
  const fields = { 'metadata.name': (o: { name: string }) => o.name };
  it('supports =, == and != joined by commas', () => {
    expect(parseFieldSelector('metadata.name=a', fields)({ name: 'a' })).toBe(true);
    expect(parseFieldSelector('metadata.name==a,metadata.name!=b', fields)({ name: 'a' })).toBe(
      true,
    );
    expect(parseFieldSelector('metadata.name!=a', fields)({ name: 'a' })).toBe(false);
  });

  it('refuses an unsupported field as the real server does', () => {
    expect(() => parseFieldSelector('spec.foo=x', fields)).toThrow(
      'field label not supported: spec.foo',
    );
  });
});
