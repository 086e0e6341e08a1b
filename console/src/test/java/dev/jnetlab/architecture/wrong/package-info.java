/**
 * A small wrong project for {@link dev.jnetlab.architecture.ArchitectureTest}: a stack class that
 * depends on the console, and two packages that depend on each other. The rules the real
 * modules are held to must refuse both, or they would pass anything.
 */
package dev.jnetlab.architecture.wrong;
