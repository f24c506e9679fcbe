import mongoose from 'mongoose';

/*
 * The MongoDB driver as Mongoose bundles it. The top-level `mongodb` package can be a different patch release,
 * whose classes TypeScript treats as unrelated types; import driver types and ObjectId from here, not 'mongodb'.
 */
export const { ObjectId, BSON } = mongoose.mongo;
export type ObjectId = mongoose.mongo.ObjectId;
export type ClientSession = mongoose.mongo.ClientSession;
export type Collection<T extends mongoose.mongo.Document = mongoose.mongo.Document> = mongoose.mongo.Collection<T>;
export type Document = mongoose.mongo.Document;
export type Filter<T> = mongoose.mongo.Filter<T>;
export type IndexDescription = mongoose.mongo.IndexDescription;
export type WithId<T> = mongoose.mongo.WithId<T>;
