import type { Reporter, Vitest } from 'vitest/node';

/*
 * For mutation runs only (vitest.mutate.config.ts). Stryker's vitest runner (9.6.1) builds a
 * mutant's result from the tests it finds in each file, and a test file whose import throws has
 * none: a mutant that stops a module from loading (a schema built wrong at module level, say)
 * was scored "survived" although the whole file fails under npm test. This reporter gives each
 * such file one failed test carrying its load error, so the mutant counts as killed.
 */
type RawFile = ReturnType<Vitest['state']['getFiles']>[number];
type RawTask = RawFile['tasks'][number];

export default class UnloadableFileFails implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      const loading = {
        type: 'test',
        name: 'loads',
        id: `${file.id}_loads`,
        mode: 'run',
        file,
        suite: file,
        meta: {},
        context: {},
        result: { state: 'fail', errors: file.result.errors ?? [] },
      } as unknown as RawTask;
      file.tasks.push(loading);
    }
  }
}
