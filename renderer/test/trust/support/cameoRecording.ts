/**
 * Registration recordings made by the tests: a drawn face (which OpenCV's frontal-face Haar cascade
 * accepts) or no face, with the given words spoken by festival's `text2wave`, muxed by ffmpeg.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { muxMp4, speak } from './media';

export async function drawFace(path: string): Promise<void> {
	const canvas = createCanvas(320, 320);
	const g = canvas.getContext('2d');
	g.fillStyle = '#5a6a7a';
	g.fillRect(0, 0, 320, 320);
	g.fillStyle = '#2a1a10';
	g.beginPath();
	g.ellipse(160, 140, 95, 115, 0, 0, Math.PI * 2);
	g.fill();
	const skin = g.createRadialGradient(160, 170, 10, 160, 170, 110);
	skin.addColorStop(0, '#f0c8a8');
	skin.addColorStop(1, '#b08060');
	g.fillStyle = skin;
	g.beginPath();
	g.ellipse(160, 175, 80, 100, 0, 0, Math.PI * 2);
	g.fill();
	for (const x of [125, 195]) {
		g.fillStyle = 'rgba(80,50,30,0.55)';
		g.beginPath();
		g.ellipse(x, 150, 26, 14, 0, 0, Math.PI * 2);
		g.fill();
		g.fillStyle = '#fff';
		g.beginPath();
		g.ellipse(x, 152, 15, 8, 0, 0, Math.PI * 2);
		g.fill();
		g.fillStyle = '#201008';
		g.beginPath();
		g.arc(x, 152, 7, 0, Math.PI * 2);
		g.fill();
		g.strokeStyle = '#2a1a10';
		g.lineWidth = 7;
		g.beginPath();
		g.moveTo(x - 24, 128);
		g.quadraticCurveTo(x, 118, x + 24, 128);
		g.stroke();
	}
	g.fillStyle = 'rgba(90,55,35,0.5)';
	g.beginPath();
	g.moveTo(160, 160);
	g.lineTo(145, 205);
	g.lineTo(175, 205);
	g.closePath();
	g.fill();
	g.fillStyle = '#7a2a2a';
	g.beginPath();
	g.ellipse(160, 235, 30, 9, 0, 0, Math.PI * 2);
	g.fill();
	await writeFile(path, canvas.toBuffer('image/png'));
}

/** An MP4 of `words` read aloud over a still picture: the drawn face, or a test pattern. */
export async function makeRecording(
	dir: string,
	name: string,
	words: string,
	picture: 'face' | 'no-face',
): Promise<string> {
	const wav = join(dir, `${name}.wav`);
	await speak(words, wav);
	const out = join(dir, `${name}.mp4`);
	const video =
		picture === 'face'
			? ['-loop', '1', '-i', join(dir, 'face.png')]
			: ['-f', 'lavfi', '-i', 'testsrc2=size=320x320:rate=10'];
	await muxMp4(video, ['-i', wav], out, ['-r', '10']);
	return out;
}
