/**
 * The preload: the only bridge between the sandboxed page and the shell.
 * It exposes exactly what the renderer needs that a browser cannot do, and
 * nothing that gives the page Node or Electron.
 */
import type * as Electron from 'electron';

// A sandboxed preload must be CommonJS, hence require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer } = require('electron') as typeof Electron;

contextBridge.exposeInMainWorld('workstation', {
  shell: 'electron',
  chooseFolder: (): Promise<string | null> => ipcRenderer.invoke('workstation:choose-folder'),
});
