/**
 * The SQLite file's name in DATA_DIR, kept apart from the storage code so tests and benches that read
 * the file import nothing else. WARNING: frozen. Renaming the file starts an empty database that has
 * forgotten every id and receipt.
 */
export const DB_FILE = 'xizmat.sqlite';
