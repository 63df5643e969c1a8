/**
 * The entry of the engine's worker threads (`out/main/worker.js`): waits for a `start` message,
 * runs the named task with the messages that follow, and posts its value or failure. One task per
 * worker; the engine ends the worker afterwards.
 *
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads'
import type { FromWorker, TaskIo, ToWorker } from './protocol'
import { WORKER_TASKS } from './tasks'

const port = parentPort
if (!port) throw new Error('worker-main runs only as a worker thread')

const queue: { type: 'feed' | 'end'; payload: unknown }[] = []
let waiting: ((message: { type: 'feed' | 'end'; payload: unknown }) => void) | null = null
let started = false
let lastProgress = 0

const post = (message: FromWorker) => port.postMessage(message)

const io: TaskIo = {
  next: () => {
    const message = queue.shift()
    if (message) return Promise.resolve(message)
    return new Promise((resolve) => {
      waiting = resolve
    })
  },
  credit: (payload) => post({ type: 'credit', payload }),
  progress: (done, total) => {
    const now = Date.now()
    if (now - lastProgress < 100) return
    lastProgress = now
    post({ type: 'progress', done, total })
  },
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    if (started) return
    started = true
    const task = WORKER_TASKS[message.task]
    if (!task) {
      post({ type: 'failed', message: `This build has no worker task “${message.task}”.` })
      return
    }
    task(message.input, io).then(
      (value) => post({ type: 'done', value }),
      (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
    )
    return
  }
  const item = { type: message.type, payload: message.payload }
  if (waiting) {
    const resolve = waiting
    waiting = null
    resolve(item)
  } else {
    queue.push(item)
  }
})
