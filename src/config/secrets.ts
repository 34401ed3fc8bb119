import { at, type ConfigProblem } from './friendly-errors.ts';
import { walkKeys, type JsonSource } from './source-map.ts';

// Names that say "this holds a credential". The product never reads or writes a secret, so such a key
// is refused outright rather than ignored: ignoring it would leave a password sitting in a file we copy.
const SECRET_KEY = /(pass(word|wd|phrase|code)?$|^pwd$|secret|token|api[-_]?key|private[-_]?key|client[-_]?key|credential|^key$|[a-z]Key$|^pin$|otp)/i;

export function looksLikeSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function findSecretKeys(source: JsonSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { key, path } of walkKeys(source.root)) {
    if (looksLikeSecretKey(key)) {
      problems.push(
        at(source, path, {
          key: true,
          message: `"${key}" looks like a secret. Passwords, keys and tokens never belong in this file: remove the key (break-glass credentials stay offline, on paper, in two places)`,
        }),
      );
    }
  }
  return problems;
}
