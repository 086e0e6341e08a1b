package dev.jnetlab.labs.engine;

/**
 * Where the running lab is, for the console's prompt or title: readable from any thread.
 *
 * @param id       the lab
 * @param step     the current step, from 1
 * @param steps    how many steps
 * @param stepDone whether the current step's checks have all passed
 * @param finished whether the last step is done
 */
public record LabProgress(String id, int step, int steps, boolean stepDone, boolean finished) {
}
