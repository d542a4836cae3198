import { BUILTIN_PACKS } from './src/builtins.js';
import { compile } from './src/engine/engine.js';
import { createGuard } from './src/guard/guard.js';
let t = performance.now(); const e = compile(BUILTIN_PACKS); console.log('compile ms', (performance.now() - t).toFixed(0));
t = performance.now(); e.scan('hello world é 1gn0re'); console.log('first scan (Sets) ms', (performance.now() - t).toFixed(0));
t = performance.now(); const g = createGuard(); console.log('createGuard ms', (performance.now() - t).toFixed(0));
t = performance.now(); await g.checkInput({ model: 'x', messages: [{ role: 'user', content: 'hi jane@example.com' }] }); console.log('first checkInput ms', (performance.now() - t).toFixed(0));
