/**
 * Kubernetes' CEL quantity, semver and format libraries (validation-plugin/src/cel-quantity.ts,
 * cel-format.ts) on the examples of their Go documentation and tests in k8s.io/apiserver v0.36.3
 * (pkg/cel/library quantity.go, quantity_test.go, semverlib.go, semver_test.go, format.go,
 * format_test.go) and k8s.io/apimachinery v0.36.3 (pkg/api/resource/quantity_test.go).
 */
import * as cel from '@bufbuild/cel';
import { kubernetesCelEnv } from '../../validation-plugin/src/cel-library';

const env = kubernetesCelEnv(cel);
function run(expression: string): unknown {
  const result = cel.plan(env, cel.parse(expression))({});
  if (cel.isCelError(result)) throw new Error(result.message);
  return result;
}
const list = (v: unknown) => [...(v as Iterable<unknown>)];

describe('quantity', () => {
  test.each([
    ['1.5G'], ['200k'], ['1.3Gi'], ['10000k'], ['20'], ['20M'], ['20Mi'], ['0'], ['-1.5'], ['+2e3'], ['1.G'], ['500m'], ['.'],
    // the documentation says error for 'Mi', but resource.ParseQuantity (v0.36.3) reads a bare
    // suffix as 0, as kubernetes/apimachinery#165 reports: we follow the code
    ['Mi'],
  ])('isQuantity(%j) is true', s => {
    expect(run(`isQuantity(${JSON.stringify(s)})`)).toBe(true);
  });

  test.each([
    ['200K'], ['Three'], ['1,3G'], ['20Mo'], ['10Mm'], [''], ['1.1.M'], ['1+1.0M'], ['0.1mi'], ['0.1am'], ['aoeu'], ['.5i'], ['1i'],
    ['-3.01i'], ['-3.01e-'], [' 1'], ['1 '],
  ])('fails: isQuantity(%j) is false and quantity() is an error', s => {
    expect(run(`isQuantity(${JSON.stringify(s)})`)).toBe(false);
    expect(() => run(`quantity(${JSON.stringify(s)})`)).toThrow(/quantit/);
  });

  test.each([
    ['quantity("200M") == quantity("200M")', true],
    ['quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', true],
    ['quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")', true],
    ['quantity("200M") == quantity("0.3G")', false],
    ['quantity("50M").isLessThan(quantity("50Mi"))', true],
    ['quantity("50M").isLessThan(quantity("100M"))', true],
    ['quantity("100M").isLessThan(quantity("50M"))', false],
    ['quantity("50Mi").isGreaterThan(quantity("50M"))', true],
    ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', true],
    ['quantity("50M").isGreaterThan(quantity("100M"))', false],
    ['quantity("200M").compareTo(quantity("0.2G"))', 0n],
    ['quantity("50M").compareTo(quantity("50Mi"))', -1n],
    ['quantity("50Mi").compareTo(quantity("50M"))', 1n],
    ['quantity("50k").add(quantity("20")) == quantity("50.02k")', true],
    ['quantity("50k").add(20).isLessThan(quantity("50020"))', false],
    ['quantity("50k").add(20) == quantity("50020")', true],
    ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', true],
    ['quantity("50k").sub(20) == quantity("49980")', true],
    ['quantity("50k").sub(20000) == quantity("30k")', true],
    ['quantity("50k").add(20).sub(quantity("100k")).asInteger()', -49980n],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()', 20n],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000) == quantity("20")', true],
    ['quantity("50k").asInteger()', 50000n],
    ['quantity("50k").asInteger() == 50000', true],
    ['quantity("50000000G").isInteger()', true],
    ['quantity("50k").isInteger()', true],
    ['quantity("50").isInteger()', true],
    ['quantity("9999999999999999999999999999999999999G").isInteger()', false],
    // Kubernetes holds these as a negative scale or an arbitrary-precision decimal: not integers to it
    ['quantity("1000m").isInteger()', false],
    ['quantity("1.5Gi").isInteger()', false],
    ['quantity("1.5Gi") == quantity("1536Mi")', true],
    ['quantity("50.703k").asApproximateFloat()', 50703],
    ['quantity("50k").sub(20000).asApproximateFloat() == 30000.0', true],
    ['quantity("1m").asApproximateFloat()', 0.001],
    ['quantity("-5").sign()', -1n],
    ['quantity("0").sign()', 0n],
    ['sign(quantity("5Ki"))', 1n],
    ['quantity("0.1n") == quantity("1n")', true], // rounded up to the nano, as ParseQuantity does
  ])('%s is %p', (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  // values of apimachinery v0.36.3's TestQuantityParse table (rounding up to the nano, exponents, binary cap)
  test.each([
    ['3.001n', '4n'], ['-3.001n', '-4n'], ['1.1E-9', '2n'], ['0.0000000005', '1n'], ['0.00050k', '500m'], ['0.5e-2', '5m'],
    ['1.01E', '1010P'], ['1.3E+6', '1300k'], ['7.123456M', '7123456'], ['100.035k', '100035'], ['3Ei', '3458764513820540928'],
    ['0Mi', '0'], ['0.5Ki', '512'], ['16Ei', '9223372036854775807'],
  ])('quantity(%j) == quantity(%j)', (a, b) => {
    expect(run(`quantity(${JSON.stringify(a)}) == quantity(${JSON.stringify(b)})`)).toBe(true);
  });

  test('fails: asInteger of a value beyond int64 is an error with cel-go\'s words', () => {
    expect(() => run('quantity("9999999999999999999999999999999999999G").asInteger()')).toThrow('cannot convert value to integer');
  });

  test('fails: add/sub of a string or a semver is no such overload (the Go comment\'s add("20k") does not type-check upstream either)', () => {
    expect(() => run('quantity("50k").add("20k")')).toThrow('no such overload');
    expect(() => run('quantity("50k").sub(semver("1.0.0"))')).toThrow('no such overload');
    expect(() => run('quantity("1").compareTo(semver("1.0.0"))')).toThrow('no such overload');
  });
});

describe('semver', () => {
  test.each([
    ['isSemver("1.2.3-beta.1+build.1")', true], ['isSemver("1.0.0")', true], ['isSemver("")', false], ['isSemver("v1.0.0")', false],
    ['isSemver(" 1.0.0")', false], ['isSemver("1. 0.0")', false], ['isSemver("1.0.0 ")', false], ['isSemver("01.01.01")', false],
    ['isSemver("1")', false], ['isSemver("1.1")', false], ['isSemver("hello")', false], ['isSemver("v1.0")', false],
    ['isSemver("", true)', false], ['isSemver(" 1.0.0", true)', false], ['isSemver("1. 0.0", true)', false],
    ['isSemver("1.0.0 ", true)', false], ['isSemver("v1.0.0", true)', true], ['isSemver("01.01.01", true)', true],
    ['isSemver("1", true)', true], ['isSemver("1.1", true)', true], ['isSemver("v1.0", true)', true], ['isSemver("1.0-rc.1", true)', false],
    ['semver("v01.01", true) == semver("1.1.0")', true],
    ['semver("v1.0.0", true) == semver("1.0.0")', true],
    ['semver("1.0", true) == semver("1.0.0")', true],
    ['semver("01.01.01", true) == semver("1.1.1")', true],
    ['semver("1.2.3") == semver("1.2.3")', true],
    ['semver("1.2.3") == semver("1.0.0")', false],
    ['semver("1.2.3+build.5") == semver("1.2.3")', true],
    ['semver("1.0.0").isLessThan(semver("1.2.3"))', true],
    ['semver("1.0.0").isLessThan(semver("1.0.0"))', false],
    ['semver("1.2.3").isGreaterThan(semver("1.0.0"))', true],
    ['semver("1.0.0").isGreaterThan(semver("1.0.0"))', false],
    ['semver("1.2.3").compareTo(semver("1.2.3"))', 0n],
    ['semver("1.2.3").compareTo(semver("2.0.0"))', -1n],
    ['semver("1.2.3").compareTo(semver("0.1.2"))', 1n],
    ['semver("1.0.0-alpha").isLessThan(semver("1.0.0-alpha.1"))', true],
    ['semver("1.0.0-alpha.1").isLessThan(semver("1.0.0-alpha.beta"))', true],
    ['semver("1.0.0-beta.2").isLessThan(semver("1.0.0-beta.11"))', true],
    ['semver("1.0.0-rc.1").isLessThan(semver("1.0.0"))', true],
    ['semver("1.2.3").major()', 1n], ['semver("1.2.3").minor()', 2n], ['semver("1.2.3").patch()', 3n],
  ])('%s is %p', (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  test.each([
    ['semver("v1.0")', 'No Major.Minor.Patch elements found'],
    ['semver("Three")', 'No Major.Minor.Patch elements found'],
    ['semver("01.1.1")', 'Major number must not contain leading zeroes "01"'],
    ['semver("1.0", true).isLessThan(quantity("1"))', 'no such overload'],
  ])('fails: %s is an error (%s)', (expression, message) => {
    expect(() => run(expression)).toThrow(message);
  });
});

describe('format', () => {
  const LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  const SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const DNS1035_ERR = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

  test.each([
    ['dns1123Label', 'my-label-name'], ['dns1123Subdomain', 'apiextensions.k8s.io'], ['qualifiedName', 'apiextensions.k8s.io/v1beta1'],
    ['dns1123LabelPrefix', 'my-label-prefix-'], ['dns1123SubdomainPrefix', 'mysubdomain.prefix.-'], ['dns1035LabelPrefix', 'my-label-prefix-'],
    ['uri', 'http://example.com'], ['uuid', '123e4567-e89b-12d3-a456-426614174000'], ['byte', 'aGVsbG8='], ['date', '2021-01-01'],
    ['datetime', '2021-01-01T00:00:00Z'], ['dns1123Subdomain', 'example.com'], ['dns1035Label', 'my-label-name'], ['qualifiedName', 'my.name'],
    ['labelValue', 'my-cool-label-Value'], ['labelValue', ''],
  ])('format.%s().validate(%j) has no value', (name, s) => {
    expect(run(`format.${name}().validate(${JSON.stringify(s)}).hasValue()`)).toBe(false);
    expect(run(`format.${name}().validate(${JSON.stringify(s)}) == optional.none()`)).toBe(true);
  });

  test.each([
    ['dns1123Label', 'contains a space', [LABEL_ERR]],
    ['dns1123Label', 'a.b', ['must not contain dots']],
    ['dns1123Label', 'a'.repeat(64), ['must be no more than 63 characters']],
    ['dns1123Subdomain', 'contains a space', [SUBDOMAIN_ERR]],
    ['dns1035Label', 'contains a space', [DNS1035_ERR]],
    ['qualifiedName', 'contains a space', ["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
    ['qualifiedName', '/x', ['prefix part must be non-empty']],
    ['dns1123LabelPrefix', 'contains a space-', [LABEL_ERR]],
    ['dns1123SubdomainPrefix', 'contains a space-', [SUBDOMAIN_ERR]],
    ['dns1035LabelPrefix', 'contains a space-', [DNS1035_ERR]],
    ['labelValue', 'my-cool-label-Value!!\n\n!!!', ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]],
    ['byte', 'aGVsbG8', ['invalid base64']],
    ['date', '2020-01-32', ['invalid date']],
    ['datetime', '2020-01-32T00:00:00Z', ['invalid datetime']],
    ['uuid', 'not-a-uuid', ['does not match the UUID format']],
    ['uri', 'not a uri', ['parse "not a uri": invalid URI for request']],
  ])('fails: format.%s().validate(%j) lists the errors', (name, s, errors) => {
    expect(list(run(`format.${name}().validate(${JSON.stringify(s)}).value()`))).toEqual(errors);
    expect(run(`format.${name}().validate(${JSON.stringify(s)}).hasValue()`)).toBe(true);
  });

  test('format.named, equality of formats, orValue and the documented rule/messageExpression pair', () => {
    expect(run('format.named("unknown").hasValue()')).toBe(false);
    expect(run('format.named("dns1123Label").hasValue()')).toBe(true);
    expect(run('format.named("dns1123Label").value() == format.dns1123Label()')).toBe(true);
    expect(run('format.dns1123Label() == format.dns1035Label()')).toBe(false);
    expect(run('format.dns1123Label().validate("ok").orValue(["none"])')).toEqual(expect.anything());
    expect(list(run('format.dns1123Label().validate("ok").orValue(["none"])'))).toEqual(['none']);
    expect(run('!format.dns1123Label().validate("my-name").hasValue()')).toBe(true);
    expect(run('format.dns1123Label().validate("a.b").value().join("\\n")')).toBe('must not contain dots');
    expect(() => run('format.dns1123Label().validate("ok").value()')).toThrow('optional.none() dereference');
  });
});
