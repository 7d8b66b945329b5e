import { checkIntegrity, validateFactFile } from '../src/core/facts/schema.ts';
import { FACT_FILES, loadFactBase } from '../src/core/facts/index.ts';

/** Every schema and integrity problem in the bundled fact base, each naming the entity and field. */
export function factBaseProblems(): string[] {
  const structural = Object.entries(FACT_FILES).flatMap(([name, data]) => validateFactFile(`${name}.json`, data));
  return structural.length ? structural : checkIntegrity(loadFactBase());
}
