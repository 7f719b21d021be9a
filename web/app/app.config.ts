export default defineAppConfig({
  ui: {
    colors: { primary: 'emerald', neutral: 'zinc' },
    // Avatar initials sit on the elevated background, where the muted text
    // colour misses AA contrast (4.39:1); the highlighted one passes.
    avatar: { slots: { fallback: 'font-medium leading-none text-highlighted truncate' } },
  },
});
