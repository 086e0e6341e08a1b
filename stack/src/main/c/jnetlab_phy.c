/*
 * jnetlab's JNI shim for the calls a tap makes per frame and per wake-up (NativeFrames.java
 * says why it exists and what falls back to JNA when it cannot load). Each function is one
 * system call on arrays the JVM pins for its duration: the frame is read into and written
 * from the stack's own byte[], with no native buffer between, and errors come back as
 * -errno, so that nothing is thrown or allocated per frame.
 *
 * The arrays are pinned with GetPrimitiveArrayCritical, which forbids other JNI calls and
 * blocking until they are released: every descriptor used here is non-blocking (the tap, the
 * eventfd), so readv and writev return at once. ppoll, which does block, is given no array.
 */
#define _GNU_SOURCE /* ppoll */
#include <jni.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/*
 * Pins header (unless headerLength is 0: a tap without offloads) and frame, and describes the
 * first headerLength octets of one and frameLength of the other as the parts of one readv or
 * writev. Returns the number of parts, or 0 when the JVM could not pin an array.
 */
static int pin(JNIEnv *env, jbyteArray header, jint headerLength, jbyteArray frame, jint frameLength,
               struct iovec parts[2]) {
    jbyte *f = (*env)->GetPrimitiveArrayCritical(env, frame, NULL);
    if (f == NULL) {
        return 0;
    }
    if (headerLength == 0) {
        parts[0] = (struct iovec) {f, (size_t) frameLength};
        return 1;
    }
    jbyte *h = (*env)->GetPrimitiveArrayCritical(env, header, NULL);
    if (h == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, frame, f, JNI_ABORT);
        return 0;
    }
    parts[0] = (struct iovec) {h, (size_t) headerLength};
    parts[1] = (struct iovec) {f, (size_t) frameLength};
    return 2;
}

/* Unpins what pin() pinned; mode 0 keeps what was read, JNI_ABORT (nothing changed) for a write. */
static void unpin(JNIEnv *env, jbyteArray header, jbyteArray frame, int count, struct iovec parts[2], jint mode) {
    (*env)->ReleasePrimitiveArrayCritical(env, frame, parts[count - 1].iov_base, mode);
    if (count == 2) {
        (*env)->ReleasePrimitiveArrayCritical(env, header, parts[0].iov_base, mode);
    }
}

/* readv(2) of one frame: headerLength octets into header, up to frameLength into frame. */
JNIEXPORT jlong JNICALL Java_dev_jnetlab_stack_phy_NativeFrames_readv(
        JNIEnv *env, jclass cls, jint fd, jbyteArray header, jint headerLength, jbyteArray frame, jint frameLength) {
    (void) cls;
    struct iovec parts[2];
    int count = pin(env, header, headerLength, frame, frameLength, parts);
    if (count == 0) {
        return -ENOMEM;
    }
    ssize_t n = readv(fd, parts, count);
    int error = errno;
    unpin(env, header, frame, count, parts, 0);
    return n < 0 ? -(jlong) error : (jlong) n;
}

/* writev(2) of headerLength octets of header, then length octets of frame. */
JNIEXPORT jlong JNICALL Java_dev_jnetlab_stack_phy_NativeFrames_writev(
        JNIEnv *env, jclass cls, jint fd, jbyteArray header, jint headerLength, jbyteArray frame, jint length) {
    (void) cls;
    struct iovec parts[2];
    int count = pin(env, header, headerLength, frame, length, parts);
    if (count == 0) {
        return -ENOMEM;
    }
    ssize_t n = writev(fd, parts, count);
    int error = errno;
    unpin(env, header, frame, count, parts, JNI_ABORT);
    return n < 0 ? -(jlong) error : (jlong) n;
}

/*
 * ppoll(2) on the device and the wake-up eventfd, for at most timeoutNanos (negative: no
 * limit). Returns the device's revents, with bit 16 set when the eventfd was readable (its
 * counter is then read back to zero here, saving a call), or -errno.
 */
JNIEXPORT jint JNICALL Java_dev_jnetlab_stack_phy_NativeFrames_poll(
        JNIEnv *env, jclass cls, jint deviceFd, jint wakeFd, jlong timeoutNanos) {
    (void) env;
    (void) cls;
    struct pollfd fds[2] = {{deviceFd, POLLIN, 0}, {wakeFd, POLLIN, 0}};
    struct timespec limit = {(time_t) (timeoutNanos / 1000000000), (long) (timeoutNanos % 1000000000)};
    int ready = ppoll(fds, 2, timeoutNanos < 0 ? NULL : &limit, NULL);
    if (ready < 0) {
        return -errno;
    }
    jint result = fds[0].revents & 0xFFFF;
    if (fds[1].revents & POLLIN) {
        uint64_t counter;
        /* Non-blocking: another waker's read may have emptied it first; EAGAIN is then fine. */
        if (read(wakeFd, &counter, sizeof counter) < 0) {
            counter = 0;
        }
        result |= 1 << 16;
    }
    return result;
}

/* Adds 1 to the eventfd's counter: a wake-up. Returns 0 or -errno. */
JNIEXPORT jint JNICALL Java_dev_jnetlab_stack_phy_NativeFrames_wake(JNIEnv *env, jclass cls, jint wakeFd) {
    (void) env;
    (void) cls;
    uint64_t one = 1;
    return write(wakeFd, &one, sizeof one) < 0 ? -errno : 0;
}
