import { main } from './main.js';

// Built as CommonJS (dist/cli.cjs, decision 1060): no top-level await here.

// A reader that stops early (`ttx run | head`) closes the pipe: that is the reader's choice, not
// an error of ours. Stop quietly, the way Unix tools do, instead of dying with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
