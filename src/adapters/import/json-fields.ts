import { ImportFormatError } from './import-format-error.js';

export type JsonObject = Record<string, unknown>;

export function parseJson(text: string, format: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ImportFormatError(`not a ${format}: the file is not valid JSON`);
  }
}

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field; anything else (absent, number, object) is undefined, so the core reports it as missing. */
export const text = (object: JsonObject, key: string): string | undefined => {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** A string field where the empty string means "none", as the exporting products write it. */
export const optionalText = (object: JsonObject, key: string): string | undefined => {
  const value = text(object, key);
  return value === undefined || value.trim() === '' ? undefined : value;
};

export const flag = (object: JsonObject, key: string): boolean | undefined => {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return typeof value === 'boolean' ? value : undefined;
};

/** "First Last" from two optional parts, or undefined when both are empty. */
export function fullName(first: string | undefined, last: string | undefined): string | undefined {
  const name = [first, last].filter((part) => part !== undefined && part.trim() !== '').join(' ').trim();
  return name === '' ? undefined : name;
}
