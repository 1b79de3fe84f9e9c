import type { Db } from '../db/connect';
import type { NewUser, UserUpdate } from '../db/schema';

export async function findUserByEmail(db: Db, email: string) {
	return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
	return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
	const row = await db
		.insertInto('app_user')
		.values(user)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateUser(db: Db, id: number, changes: UserUpdate): Promise<void> {
	await db.updateTable('app_user').set(changes).where('id', '=', id).execute();
}
