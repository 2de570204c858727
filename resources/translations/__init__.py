"""Dutch translations: advlab_nl.ts (source) and advlab_nl.qm (compiled); see advlab.gui.i18n."""
