/**
 * Where JSON text goes wrong. `JSON.parse` says what is wrong but often not where ("Unexpected token
 * ']', …"); this scanner (iterative, linear) finds the offset of the first error so that it can be
 * reported as line:col.
 */

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * UTF-16 offset of the first character that makes `text` invalid JSON (the end of the text when it
 * stops too early), or undefined when it is valid.
 * @example jsonErrorOffset('[1, 2,]') // 6
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  /** What encloses the current position: '[' or '{'. */
  const stack: number[] = [];
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const match = (re: RegExp) => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  // States: expecting a value; after a value (a comma, a closing bracket or the end).
  for (;;) {
    // A value.
    skip();
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      stack.push(c);
      i++;
      skip();
      const close = c === 0x5b ? 0x5d : 0x7d;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else if (c === 0x7b) {
        if (!match(STRING)) return i;
        skip();
        if (text.charCodeAt(i) !== 0x3a) return i;
        i++;
        continue;
      } else continue;
    } else if (c === 0x22) {
      if (!match(STRING)) return i;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else if (!match(NUMBER)) return i;
    // After a value.
    for (;;) {
      skip();
      const top = stack.at(-1);
      if (top === undefined) return i === text.length ? undefined : i;
      const d = text.charCodeAt(i);
      if (d === (top === 0x5b ? 0x5d : 0x7d)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 0x2c) return i;
      i++;
      if (top === 0x7b) {
        skip();
        if (!match(STRING)) return i;
        skip();
        if (text.charCodeAt(i) !== 0x3a) return i;
        i++;
      }
      break;
    }
  }
}
