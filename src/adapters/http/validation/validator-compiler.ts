import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Bodies are validated exactly: no type coercion, no silent removal of unknown fields (they are
 * refused), every error reported. Query strings and path parameters arrive as text, so they coerce.
 */
const common: Options = { allErrors: true, strict: false, useDefaults: false };
const bodyAjv = new Ajv({ ...common, coerceTypes: false, removeAdditional: false });
const paramsAjv = new Ajv({ ...common, coerceTypes: true, removeAdditional: false });
// ajv-formats is CommonJS; its callable export sits on `default` under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
addFormats(bodyAjv);
addFormats(paramsAjv);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : paramsAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
