import { describe, expect, it } from 'vitest'
import { dialogPath, type DialogPathRequest } from '../../../src/main/api/dialog-path'
import { appErrorFrom } from '../../support/app-error'
import { fakeDialogs } from '../../support/fake-dialogs'

const request = (over: Partial<DialogPathRequest> = {}): DialogPathRequest => ({
  typed: undefined,
  purpose: 'export',
  choose: (dialogs) => dialogs.chooseFolder('Choose a folder'),
  what: 'the folder',
  missing: 'Give the folder.',
  ...over,
})

describe('dialogPath', () => {
  it('takes the typed path where the face has no dialogs, and asks for one when none is typed', async () => {
    const browser = { dialogs: null, acceptTypedPath: () => true }
    expect(await dialogPath(browser, request({ typed: '/srv/out' }))).toBe('/srv/out')
    const e = await appErrorFrom(dialogPath(browser, request()))
    expect(e).toMatchObject({ code: 'BAD_REQUEST', message: 'Give the folder.' })
  })

  it('in Electron refuses a typed path it does not accept, shows the dialog otherwise', async () => {
    const dialogs = fakeDialogs()
    dialogs.chooseFolder.mockResolvedValueOnce('/home/amina/out').mockResolvedValueOnce(null)
    const electron = { dialogs, acceptTypedPath: () => false }
    const e = await appErrorFrom(dialogPath(electron, request({ typed: '/etc' })))
    expect(e).toMatchObject({ code: 'BAD_REQUEST', message: 'Choose the folder with the dialog.' })
    expect(dialogs.chooseFolder).not.toHaveBeenCalled()
    const remembered = new Set<string>()
    expect(await dialogPath(electron, request({ remembered }))).toBe('/home/amina/out')
    // The folder the dialog gave may be named again (a retry), and a dismissed dialog is null.
    expect(await dialogPath(electron, request({ typed: '/home/amina/out', remembered }))).toBe(
      '/home/amina/out',
    )
    expect(await dialogPath(electron, request({ remembered }))).toBeNull()
  })
})
