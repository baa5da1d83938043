/**
 * Discovery: JUnit selectors (files, folders, URIs, classpath, @TapeSuite classes, unique ids)
 * become Cassette's own tape and exchange selectors, and one resolver builds the tree.
 */
package dev.cassette.engine.discovery;
