// The environment component (wit/world.wit): Wassette passes only the variables its policy allows.
import { getEnvironment } from 'wasi:cli/environment@0.2.12';

export function getVariable(key) {
  const entry = getEnvironment().find(([name]) => name === key);
  if (entry === undefined) {
    throw `environment variable '${key}' is not available (not set, or not allowed by the policy)`;
  }
  return entry[1];
}

export function listVariables() {
  return getEnvironment()
    .map(([name]) => name)
    .sort();
}
