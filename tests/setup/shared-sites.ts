import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSites } from '../../src/site/build-sites.ts';
import { EXAMPLE_TODAY, examplePlaybook, hostilePlaybook } from '../helpers/example.ts';
import { removeDir, tempOut, writeDummy } from '../site/helpers.ts';
import { MID_REGISTER, MID_REGISTER_FILES, PLAN_DATE_FILES } from '../site/shared-builds.ts';

// Global set-up of the "sites" test project: builds the sites its files share, one after the other (two Astro
// builds in one process at once would share Vite's state), and removes them when the run ends.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folders: string[] = [];
  const removeAll = async () => {
    for (const folder of folders) await removeDir(folder);
  };
  try {
    const planDate = await tempOut('shared-plan-date');
    folders.push(planDate);
    await buildSites({
      tenants: [
        { slug: 'example', playbook: examplePlaybook(EXAMPLE_TODAY), files: PLAN_DATE_FILES },
        { slug: 'hostile', playbook: hostilePlaybook(EXAMPLE_TODAY), files: [] },
      ],
      outDir: planDate,
      layout: 'multi',
      quiet: true,
    });
    // The build adds artifacts next to the pages after the sites are built; stand-ins keep the links checkable.
    for (const file of PLAN_DATE_FILES) await writeDummy(join(planDate, 'example', file));

    const midRegister = await tempOut('shared-mid-register');
    folders.push(midRegister);
    await buildSites({ tenants: [{ slug: 'example', playbook: examplePlaybook(MID_REGISTER), files: MID_REGISTER_FILES }], outDir: midRegister, layout: 'single', quiet: true });
    for (const file of MID_REGISTER_FILES) await writeDummy(join(midRegister, file));

    project.provide('sharedSites', { planDate, midRegister });
  } catch (error) {
    await removeAll();
    throw error;
  }
  return removeAll;
}
