import { VNET_SYSUNINIT, curvnet } from '@vimage/runtime';

// A VNET_SYSUNINIT handler that throws while a test's vnet is destroyed fails that test.
VNET_SYSUNINIT(() => {
  if (curvnet().name === 'its vnet fails to tear down') throw new Error('uninit failed');
});

test('its vnet fails to tear down', () => {
  expect(curvnet().name).toBe('its vnet fails to tear down');
});
