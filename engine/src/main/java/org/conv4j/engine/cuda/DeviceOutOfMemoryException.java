package org.conv4j.engine.cuda;

/** The GPU has no room for an allocation, even after conv4j gave back every block it had cached. */
public final class DeviceOutOfMemoryException extends CudaException {
    public DeviceOutOfMemoryException(String message) {
        super(message);
    }
}
