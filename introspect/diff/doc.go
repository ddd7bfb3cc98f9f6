// Package diff compares two states of a cluster (`ist diff A B`): each
// side a bundle written by ist bundle, or the live cluster. Per node it
// lists the BGP/XMPP peers whose state or flap count changed, the routes
// added, removed or changed (next hop, label, paths) per routing table on
// control nodes and per VRF on vRouters, the interfaces whose state
// changed, and NodeStatus changes (process states, connections).
//
// Both sides are read through the same client path: a bundle's saved
// answers through its replay transport, the live cluster over HTTP, so a
// request means the same on both sides. Records are streamed: each
// aspect of a node is read from both sides at once and joined by key
// (Join), holding only the records not yet matched, so two tables of
// 100k routes in the same order are compared in memory that does not
// grow with the table (only with the differences).
package diff
