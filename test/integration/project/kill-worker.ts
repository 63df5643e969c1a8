import { atomicWriteFile } from '../../../src/main/engine/project/atomic-write'
import { readProjectFile, serializeProject } from '../../../src/main/engine/project/project-file'

/**
 * The child process of the kill loop: loads the project, says "ready", then saves it again and
 * again through the real atomic write until it is killed. The first item's note alternates
 * between 5 and 20 kB, so the file's length changes with every save and a torn write cannot pass
 * for a whole one.
 */
const path = process.argv[2]
if (!path) throw new Error('usage: kill-worker <project path>')
const doc = await readProjectFile(path, { offerBackup: false })
const firstItem = Object.values(doc.items)[0]
process.stdout.write('ready\n')
for (let n = 1; ; n++) {
  doc.name = `Kill loop ${process.pid} save ${n}`
  doc.updatedAt = new Date().toISOString()
  if (firstItem) firstItem.note = `save ${n} `.padEnd(n % 2 === 0 ? 5_000 : 20_000, '.')
  await atomicWriteFile(path, serializeProject(doc))
  process.stdout.write(`saved ${n}\n`)
}
