/**
 * What to install to get `pg_dump` and `pg_restore` of a PostgreSQL major release, said for the
 * platform the wizard runs on (one sentence, ready to follow).
 */
export function pgInstallHint(platform: NodeJS.Platform, major: number): string {
  if (platform === 'darwin') {
    return `Install them with Homebrew: brew install postgresql@${major}`
  }
  if (platform === 'win32') {
    return (
      `Run the EDB installer of PostgreSQL ${major} (https://www.postgresql.org/download/windows/) ` +
      `and select its "Command Line Tools" component (the server itself is not needed).`
    )
  }
  return (
    `On Debian or Ubuntu: sudo apt install postgresql-client-${major} (from the PostgreSQL ` +
    `project's PGDG repository, https://apt.postgresql.org, if the distribution's is older); on ` +
    `RHEL or Fedora: sudo dnf install postgresql${major} from the PGDG repository.`
  )
}
