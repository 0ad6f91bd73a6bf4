import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const spec = parse(readFileSync(require.resolve('@workos/openapi-spec/spec'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

// OpenAPI 3.1 schemas are JSON Schema 2020-12 plus annotations such as `example`: the whole
// document is registered under an $id so `#/components/schemas/…` refs resolve inside it.
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
(addFormats as unknown as (instance: Ajv2020) => void)(ajv);
ajv.addSchema({ ...spec, $id: 'spec' });

/**
 * Validates a response body against the schema WorkOS publishes for `method path` and `status`.
 * Returns the ajv errors as text, or `null` when valid.
 */
export function specErrors(method: string, path: string, status: number, body: unknown): string | null {
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation?.responses[String(status)]?.content?.['application/json']) {
    throw new Error(`The spec has no JSON response for ${method} ${path} ${status}.`);
  }
  const pointer = [
    'paths',
    path,
    method.toLowerCase(),
    'responses',
    String(status),
    'content',
    'application/json',
    'schema',
  ]
    .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/');
  const validate = ajv.getSchema(`spec#/${pointer}`);
  if (!validate) throw new Error(`No schema at ${pointer}.`);
  return validate(body) ? null : ajv.errorsText(validate.errors);
}
