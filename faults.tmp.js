const { createCanvas } = require('@napi-rs/canvas');
const c = createCanvas(1080, 1920); const ctx = c.getContext('2d');
const slot = Buffer.alloc(1080*1920*4);
(async () => {
const t0 = process.cpuUsage();
for (let i = 0; i < 120; i++) { ctx.fillStyle = `rgb(${i},100,50)`; ctx.fillRect(0,0,1080,1920); ctx.fillStyle='#fff'; ctx.fillRect(i*5,i*5,200,200); let d = c.data(); d.copy(slot); d = null; if (global.gc && process.env.GCM) gc({type: process.env.GCM}); await new Promise(r => setTimeout(r, 30)); }
const u = process.cpuUsage(t0); console.log('user', (u.user/1e6).toFixed(2), 'sys', (u.system/1e6).toFixed(2));
})();
